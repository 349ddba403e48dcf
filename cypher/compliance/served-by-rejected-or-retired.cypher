// @name compliance/served-by-rejected-or-retired
// @mode READ
// @param limit: int (most violations returned)
// @param sample: int (prediction ids listed per violation; all are counted)
// SERVED_BY_REJECTED_OR_RETIRED from the maintained counters (same rows as
// policies/served-by-rejected-or-retired, which reads every prediction of each version and
// stays as the reference). Whole hours after the first rejection are summed from UseCount; only
// the hour the rejection falls in, and the hours the sample is taken from, read predictions
// (through the Prediction(at) index: the hint keeps the planner from expanding every USED link
// of the version instead, which is what grows with history). A rejection ingested late changes `since` and so the
// answer at once: nothing derived from it is stored.
CALL () {
  MATCH (mv:ModelVersion {status: 'RETIRED'})
  RETURN mv
  UNION
  MATCH (mv:ModelVersion)<-[:REVIEWS]-(:Approval {decision: 'REJECTED'})
  RETURN mv
}
WITH DISTINCT mv
OPTIONAL CALL (mv) {
  MATCH (mv)<-[:REVIEWS]-(r:Approval {decision: 'REJECTED'})
  RETURN r ORDER BY r.at, r.id LIMIT 1
}
WITH mv, r, CASE WHEN mv.status = 'RETIRED' THEN null ELSE r.at END AS since
WITH mv, r, since, CASE WHEN since IS NULL THEN null ELSE toInteger(floor(since.epochSeconds / 3600.0)) END AS sinceHour
// Hours wholly at or after `since`, summed over their shards, oldest first.
CALL (mv, sinceHour) {
  MATCH (c:UseCount)
  WHERE c.modelVersionId = mv.id AND (sinceHour IS NULL OR c.hour > sinceHour)
  WITH c.hour AS hour, sum(c.count) AS n, min(c.first) AS first, max(c.last) AS last
  ORDER BY hour
  RETURN collect({hour: hour, n: n, first: first, last: last}) AS hours
}
// The part of the rejection's own hour at or after `since`, counted exactly.
CALL (mv, since, sinceHour) {
  OPTIONAL MATCH (c:UseCount)
  WHERE since IS NOT NULL AND c.modelVersionId = mv.id AND c.hour = sinceHour AND c.last >= since
  WITH count(c) AS counters
  OPTIONAL MATCH (p:Prediction) USING INDEX p:Prediction(at)
  WHERE counters > 0 AND p.at >= since AND p.at < datetime({epochSeconds: (coalesce(sinceHour, 0) + 1) * 3600})
    AND EXISTS { (p)-[:USED]->(mv) }
  RETURN count(p) AS partCount, min(p.at) AS partFirst, max(p.at) AS partLast
}
WITH mv, r, since, sinceHour, hours, partCount, partFirst, partLast,
  partCount + reduce(s = 0, h IN hours | s + h.n) AS count
WHERE count > 0
WITH mv, r, since, sinceHour, hours, partCount, partFirst, partLast, count ORDER BY mv.id LIMIT $limit
WITH mv, r, since, sinceHour, hours, count,
  CASE WHEN partCount > 0 THEN partFirst ELSE hours[0].first END AS first,
  CASE WHEN size(hours) > 0 THEN hours[-1].last ELSE partLast END AS last,
  // The oldest hours that hold the first `sample` predictions: up to the hour where the running
  // sum (boundary part first) reaches `sample`, found in one pass.
  reduce(st = {sum: partCount, cut: CASE WHEN partCount >= $sample THEN 0 ELSE -1 END, i: 0}, h IN hours | {
    sum: st.sum + h.n, i: st.i + 1,
    cut: CASE WHEN st.cut < 0 AND st.sum + h.n >= $sample THEN st.i + 1 ELSE st.cut END
  }).cut AS cut, partCount
WITH mv, r, since, count, first, last,
  CASE WHEN partCount > 0 AND $sample > 0 THEN [sinceHour] ELSE [] END
    + [h IN hours[0..(CASE WHEN cut < 0 THEN size(hours) ELSE cut END)] | h.hour] AS sampleHours
CALL (mv, since, sampleHours) {
  UNWIND sampleHours AS hour
  WITH DISTINCT hour
  MATCH (p:Prediction) USING INDEX p:Prediction(at)
  WHERE p.at >= datetime({epochSeconds: hour * 3600}) AND p.at < datetime({epochSeconds: (hour + 1) * 3600})
    AND (since IS NULL OR p.at >= since) AND EXISTS { (p)-[:USED]->(mv) }
  WITH p ORDER BY p.at, p.id LIMIT $sample
  RETURN collect(p.id) AS sample
}
RETURN
  mv.id AS key,
  toString(count) + ' predictions from ' + toString(first) + ' to ' + toString(last) + ' served by ' + coalesce(mv.name, mv.id) +
    CASE WHEN since IS NULL THEN ', which is RETIRED' ELSE ' after its rejection ' + r.id + ' at ' + toString(since) END AS summary,
  [mv.id] + CASE WHEN r IS NULL OR since IS NULL THEN [] ELSE [r.id] END AS subjectIds,
  count,
  sample,
  [{id: mv.id, type: 'ModelVersion', label: coalesce(mv.name, mv.id) + ' (' + coalesce(mv.status, '?') + ')'}]
    + CASE WHEN r IS NULL OR since IS NULL THEN [] ELSE [{id: r.id, type: 'Approval', label: 'REJECTED ' + r.id}] END
    + [id IN sample | {id: id, type: 'Prediction', label: id}] AS nodes,
  CASE WHEN r IS NULL OR since IS NULL THEN [] ELSE [{source: r.id, target: mv.id, type: 'REVIEWS'}] END
    + [id IN sample | {source: id, target: mv.id, type: 'USED'}] AS edges
