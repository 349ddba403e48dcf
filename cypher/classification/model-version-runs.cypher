// @name classification/model-version-runs
// @mode READ
// @param ids: list<string>
// The training runs behind model versions: each version's own producing run and, for an
// ensemble, its members' runs (nested up to three levels), with the chain of version ids.
// Starts from unique-index seeks; each version reaches at most 100 runs.
UNWIND $ids[..1000] AS id
MATCH (mv:ModelVersion {id: id})
CALL (mv) {
  MATCH chain = (mv)-[:HAS_MEMBER*0..3]->(part:ModelVersion)
  MATCH (part)<-[:PRODUCED]-(run:Run)
  RETURN [n IN nodes(chain) | n.id] AS versions, run.id AS runId
  LIMIT 100
}
RETURN mv.id AS id, collect({versions: versions, runId: runId}) AS runs
