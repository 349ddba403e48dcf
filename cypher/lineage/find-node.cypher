// @name lineage/find-node
// @mode READ
// @param id: string
// Finds a node of any lineage label by its id: one unique-index seek per label (labels cannot
// be parameters), so the cost does not grow with the graph.
CALL () {
  MATCH (n:Prediction {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Run {id: $id}) RETURN n
  UNION ALL
  MATCH (n:ModelVersion {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Model {id: $id}) RETURN n
  UNION ALL
  MATCH (n:DatasetVersion {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Dataset {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Feature {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Approval {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Deployment {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Event {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Principal {id: $id}) RETURN n
  UNION ALL
  MATCH (n:PipelineNode {id: $id}) RETURN n
  UNION ALL
  MATCH (n:IONInstance {id: $id}) RETURN n
  UNION ALL
  MATCH (n:ION {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Stage {id: $id}) RETURN n
  UNION ALL
  MATCH (n:Column {id: $id}) RETURN n
}
WITH n LIMIT 1
RETURN elementId(n) AS elementId, n.id AS id, labels(n)[0] AS type, properties(n) AS properties
