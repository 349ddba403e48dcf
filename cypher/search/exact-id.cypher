// @name search/exact-id
// @mode READ
// @param key: string
// Exact hits for something pasted into the search box: any node id (unique-id seeks per
// label) or a request id (both predictions of one request).
CALL () {
  MATCH (n:Prediction {id: $key}) RETURN n, 'Prediction' AS kind
  UNION MATCH (n:Prediction {requestId: $key}) RETURN n, 'Prediction' AS kind
  UNION MATCH (n:ModelVersion {id: $key}) RETURN n, 'ModelVersion' AS kind
  UNION MATCH (n:Model {id: $key}) RETURN n, 'Model' AS kind
  UNION MATCH (n:Dataset {id: $key}) RETURN n, 'Dataset' AS kind
  UNION MATCH (n:DatasetVersion {id: $key}) RETURN n, 'DatasetVersion' AS kind
  UNION MATCH (n:Feature {id: $key}) RETURN n, 'Feature' AS kind
  UNION MATCH (n:ION {id: $key}) RETURN n, 'ION' AS kind
  UNION MATCH (n:IONInstance {id: $key}) RETURN n, 'IONInstance' AS kind
  UNION MATCH (n:PipelineNode {id: $key}) RETURN n, 'PipelineNode' AS kind
  UNION MATCH (n:Run {id: $key}) RETURN n, 'Run' AS kind
  UNION MATCH (n:Principal {id: $key}) RETURN n, 'Principal' AS kind
  UNION MATCH (n:Approval {id: $key}) RETURN n, 'Approval' AS kind
  UNION MATCH (n:Deployment {id: $key}) RETURN n, 'Deployment' AS kind
  UNION MATCH (n:Event {id: $key}) RETURN n, 'Event' AS kind
}
RETURN kind, n.id AS id, coalesce(n.name, n.version, n.requestId, n.id) AS name, n.description AS description, coalesce(n.tags, []) AS tags
ORDER BY kind, id
LIMIT 20
