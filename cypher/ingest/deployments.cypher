// @name ingest/deployments
// @mode WRITE
// @param rows: list<{id, modelVersionId, pipelineNodeId, role, from, to, approvalId, hash}>
// A usage period: which model version served which pipeline node, in which role, from when to when.
UNWIND $rows AS row
MATCH (mv:ModelVersion {id: row.modelVersionId}), (node:PipelineNode {id: row.pipelineNodeId})
CREATE (d:Deployment {id: row.id, role: row.role, from: datetime(row.from), to: datetime(row.to), contentHash: row.hash, createdAt: datetime()})
CREATE (d)-[:DEPLOYS]->(mv)
CREATE (d)-[:TO_NODE]->(node)
WITH d, row
CALL (d, row) {
  OPTIONAL MATCH (approval:Approval {id: row.approvalId})
  FOREACH (_ IN CASE WHEN approval IS NULL THEN [] ELSE [1] END | CREATE (d)-[:AUTHORIZED_BY]->(approval))
}
