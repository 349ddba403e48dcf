// @name lookup/pipeline-node
// @mode READ
// @param ids: list<string>
// Which of these PipelineNode ids exist, with the content hash each was first written with.
UNWIND $ids AS id
MATCH (n:PipelineNode {id: id})
RETURN n.id AS id, n.contentHash AS hash
