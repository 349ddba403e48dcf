// @name ingest/approvals
// @mode WRITE
// @param rows: list<{id, modelVersionId, ionId, principalId, decision, at, comment, policyRunId, hash}>
UNWIND $rows AS row
MATCH (mv:ModelVersion {id: row.modelVersionId}), (ion:ION {id: row.ionId}), (who:Principal {id: row.principalId})
CREATE (a:Approval {id: row.id, decision: row.decision, at: datetime(row.at), comment: row.comment, contentHash: row.hash, createdAt: datetime()})
CREATE (who)-[:DECIDED]->(a)-[:REVIEWS]->(mv)
CREATE (a)-[:FOR_ION]->(ion)
WITH a, row
CALL (a, row) {
  OPTIONAL MATCH (run:Run {id: row.policyRunId})
  FOREACH (_ IN CASE WHEN run IS NULL THEN [] ELSE [1] END | CREATE (a)-[:BY_RUN]->(run))
}
