// @name ingest/lock-pipeline-nodes
// @mode WRITE
// @param ids: list<string>
// Takes the write lock of each pipeline node (setting and removing a marker leaves nothing),
// so writers checking the same node's deployments run one after the other: a check made after
// this sees every deployment committed before it. Callers pass the ids sorted (no deadlock).
UNWIND $ids AS id
MATCH (node:PipelineNode {id: id})
SET node._deploymentLock = true
REMOVE node._deploymentLock
RETURN count(node) AS locked
