// @name policies/served-by-rejected-or-retired
// @mode READ
// @param limit: int (most violations returned)
// @param sample: int (prediction ids listed per violation; all are counted)
// Predictions served by a model version that was RETIRED, or REJECTED by a decision at or
// before the prediction's time. One violation per version: the count, the time span and a
// sample of prediction ids, so a version with a million predictions stays one bounded row.
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
CALL (mv, since) {
  MATCH (p:Prediction)-[:USED]->(mv)
  WHERE since IS NULL OR p.at >= since
  WITH p ORDER BY p.at, p.id
  RETURN count(p) AS count, collect(p.id)[..$sample] AS sample, min(p.at) AS first, max(p.at) AS last
}
WITH mv, r, since, count, sample, first, last WHERE count > 0
WITH mv, r, since, count, sample, first, last ORDER BY mv.id LIMIT $limit
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
