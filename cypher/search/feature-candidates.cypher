// @name search/feature-candidates
// @mode READ
// @param text: string | null (a Lucene query, escaped by the service)
// @param datasetId: string | null
// @param classification: string | null
// @param tags: list<{key, value}> (every one must be on the feature; value null: any)
// @param cap: int
// Features matching the filter, by name. One start branch runs: fulltext, the dataset's
// id, the first tag's key, or (no filter) the Feature(name) index in order.
CALL () {
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_text', text, {limit: $cap}) YIELD node
  WITH node WHERE node:Feature
  RETURN node AS f
  UNION
  WITH $datasetId AS datasetId WHERE $text IS NULL AND datasetId IS NOT NULL
  MATCH (:Dataset {id: datasetId})<-[:DERIVED_FROM]-(f:Feature)
  RETURN f
  UNION
  WITH $tags[0] AS tag WHERE $text IS NULL AND $datasetId IS NULL AND tag IS NOT NULL
  MATCH (t:Tag {key: tag.key}) WHERE tag.value IS NULL OR t.value = tag.value
  MATCH (f:Feature)-[:TAGGED]->(t)
  RETURN f
  UNION
  WITH 1 AS any WHERE $text IS NULL AND $datasetId IS NULL AND size($tags) = 0
  MATCH (f:Feature) WHERE f.name IS NOT NULL
  RETURN f ORDER BY f.name LIMIT $cap
}
WITH DISTINCT f
WHERE ($classification IS NULL OR f.classification = $classification)
  AND ($datasetId IS NULL OR EXISTS { (f)-[:DERIVED_FROM]->(:Dataset {id: $datasetId}) })
  AND all(tag IN $tags WHERE EXISTS { MATCH (f)-[:TAGGED]->(t:Tag {key: tag.key}) WHERE tag.value IS NULL OR t.value = tag.value })
RETURN f.id AS id, f.name AS name, f.dtype AS dtype, f.description AS description,
  f.classification AS classification, f.transform AS transform, coalesce(f.tags, []) AS tags
ORDER BY name, id
LIMIT $cap
