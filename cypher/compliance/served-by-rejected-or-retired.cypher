// @name compliance/served-by-rejected-or-retired
// @mode READ
// @param limit: int (most violations returned)
// @param sample: int (prediction ids listed per violation; all are counted)
// SERVED_BY_REJECTED_OR_RETIRED from the maintained counters (same rows as
// policies/served-by-rejected-or-retired, which reads every prediction of each version and
// stays as the reference). Whole hours after the first rejection are summed from UseCount. The
// hour the rejection falls in is counted from its counters too, except when the rejection lies
// between its first and last prediction: then the shorter side of the rejection within that
// hour is read. The sample is one seek in time order that stops once it has `sample`
// predictions. Predictions are read through the Prediction(at) index (the hint keeps the
// planner from expanding every USED link of the version instead, which grows with history), so
// what is read follows the sample and at most half an hour, not the history. A rejection
// ingested late changes `since` and so the answer at once: nothing derived from it is stored.
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
// Hours wholly after `since`'s hour (every hour of a RETIRED version), summed over their
// shards, oldest first: one index seek per version.
CALL (mv, sinceHour) {
  MATCH (c:UseCount) USING INDEX c:UseCount(modelVersionId, hour)
  WHERE c.modelVersionId = mv.id AND c.hour > coalesce(sinceHour, -1)
  WITH c.hour AS hour, sum(c.count) AS n, min(c.first) AS first, max(c.last) AS last
  ORDER BY hour
  RETURN collect({hour: hour, n: n, first: first, last: last}) AS hours
}
// The rejection's own hour, from its counters: all of it counts when `since` is at or before its
// first prediction, none when after its last.
CALL (mv, since, sinceHour) {
  OPTIONAL MATCH (c:UseCount) USING INDEX c:UseCount(modelVersionId, hour)
  WHERE since IS NOT NULL AND c.modelVersionId = mv.id AND c.hour = sinceHour
  RETURN coalesce(sum(c.count), 0) AS hourCount, min(c.first) AS hourFirst, max(c.last) AS hourLast
}
WITH mv, r, since, hours, hourCount, hourFirst, hourLast,
  CASE
    WHEN hourCount = 0 OR since > hourLast THEN 'none'
    WHEN since <= hourFirst THEN 'all'
    WHEN duration.inSeconds(since, hourLast) <= duration.inSeconds(hourFirst, since) THEN 'after'
    ELSE 'before'
  END AS side
// Otherwise the part at or after `since` is counted exactly by reading the shorter side of
// `since` within that hour (the other side is the hour's count minus it).
CALL (mv, since, hourFirst, hourLast, side) {
  OPTIONAL MATCH (p:Prediction) USING INDEX p:Prediction(at)
  WHERE side IN ['after', 'before'] AND p.at >= CASE side WHEN 'after' THEN since ELSE hourFirst END
    AND p.at <= CASE side WHEN 'after' THEN hourLast ELSE since END
    AND (side = 'after' OR p.at < since) AND EXISTS { (p)-[:USED]->(mv) }
  RETURN count(p) AS read
}
WITH mv, r, since, hours, hourFirst, hourLast, side,
  CASE side WHEN 'none' THEN 0 WHEN 'all' THEN hourCount WHEN 'after' THEN read ELSE hourCount - read END AS partCount
WITH mv, r, since, hours, partCount, CASE WHEN partCount > 0 THEN hourLast END AS partLast,
  partCount + reduce(s = 0, h IN hours | s + h.n) AS count
WHERE count > 0
WITH mv, r, since, hours, partCount, partLast, count ORDER BY mv.id LIMIT $limit
// The sample: the oldest `sample` predictions at or after `since`, found by one seek in time
// order that stops at `sample`, up to the last prediction of the oldest hours that hold them.
WITH mv, r, since, count, partCount, partLast, hours,
  CASE WHEN size(hours) > 0 THEN hours[-1].last ELSE partLast END AS last,
  // At least one prediction is read, for the first one's time.
  reduce(st = {sum: partCount, cut: CASE WHEN partCount >= $sample AND partCount > 0 THEN 0 ELSE -1 END, i: 0}, h IN hours | {
    sum: st.sum + h.n, i: st.i + 1,
    cut: CASE WHEN st.cut < 0 AND st.sum + h.n >= $sample AND st.sum + h.n > 0 THEN st.i + 1 ELSE st.cut END
  }).cut AS cut
WITH mv, r, since, count, last, CASE WHEN partCount > 0 THEN since ELSE hours[0].first END AS from,
  CASE WHEN cut = 0 THEN partLast WHEN cut < 0 THEN last ELSE hours[cut - 1].last END AS sampleEnd
CALL (mv, since, from, sampleEnd) {
  MATCH (p:Prediction) USING INDEX p:Prediction(at)
  WHERE p.at >= from AND p.at <= sampleEnd AND (since IS NULL OR p.at >= since) AND EXISTS { (p)-[:USED]->(mv) }
  WITH p ORDER BY p.at, p.id LIMIT CASE WHEN $sample > 0 THEN $sample ELSE 1 END
  RETURN collect(p.id)[..$sample] AS sample, min(p.at) AS first
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
