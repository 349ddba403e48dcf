// @name policies/self-approval
// @mode READ
// @param limit: int (most violations returned)
// Separation of duties: an APPROVED decision by the principal who triggered the training run
// that produced the version. Starts from approvals (few) and follows fixed one-hop edges.
MATCH (who:Principal)-[:DECIDED]->(a:Approval {decision: 'APPROVED'})-[:REVIEWS]->(mv:ModelVersion)<-[:PRODUCED]-(run:Run)-[:TRIGGERED_BY]->(who)
OPTIONAL MATCH (a)-[:FOR_ION]->(ion:ION)
WITH who, a, mv, run, ion ORDER BY a.id LIMIT $limit
RETURN
  a.id AS key,
  coalesce(who.name, who.id) + ' approved ' + coalesce(mv.name, mv.id) + ' for ' + coalesce(ion.name, ion.id, 'an ION') + ' and also triggered its training run ' + run.id AS summary,
  [a.id, who.id, run.id, mv.id] AS subjectIds,
  1 AS count,
  [] AS sample,
  [
    {id: a.id, type: 'Approval', label: 'APPROVED ' + a.id},
    {id: who.id, type: 'Principal', label: coalesce(who.name, who.id)},
    {id: mv.id, type: 'ModelVersion', label: coalesce(mv.name, mv.id)},
    {id: run.id, type: 'Run', label: coalesce(run.kind, 'Run') + ' ' + run.id}
  ] + CASE WHEN ion IS NULL THEN [] ELSE [{id: ion.id, type: 'ION', label: coalesce(ion.name, ion.id)}] END AS nodes,
  [
    {source: who.id, target: a.id, type: 'DECIDED'},
    {source: a.id, target: mv.id, type: 'REVIEWS'},
    {source: run.id, target: mv.id, type: 'PRODUCED'},
    {source: run.id, target: who.id, type: 'TRIGGERED_BY'}
  ] + CASE WHEN ion IS NULL THEN [] ELSE [{source: a.id, target: ion.id, type: 'FOR_ION'}] END AS edges
