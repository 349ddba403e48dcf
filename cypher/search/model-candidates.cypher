// @name search/model-candidates
// @mode READ
// @param text: string | null (a Lucene query, escaped by the service)
// @param featureId: string | null
// @param datasetVersionId: string | null
// @param datasetId: string | null
// @param approvedForIonId: string | null
// @param status: string | null
// @param algorithm: string | null
// @param framework: string | null
// @param tags: list<{key, value}> (every one must be on the version or its model; value null: any)
// @param cap: int (most candidates; the service filters metrics and pages within them)
// Model versions matching every filter but the metric thresholds (metrics are a JSON string),
// newest first. Exactly one start branch runs, the most selective the filter offers, each an
// index seek (fulltext, unique id, status) or, with no filter, the createdAt index in order.
CALL () {
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_text', text, {limit: $cap}) YIELD node
  WITH node WHERE node:ModelVersion
  RETURN node AS mv
  UNION
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_text', text, {limit: $cap}) YIELD node
  WITH node WHERE node:Model
  MATCH (node)<-[:VERSION_OF]-(mv:ModelVersion)
  RETURN mv
  UNION
  WITH $featureId AS featureId WHERE $text IS NULL AND featureId IS NOT NULL
  MATCH (:Feature {id: featureId})<-[:USED_FEATURE]-(:Run)-[:PRODUCED]->(mv:ModelVersion)
  RETURN mv
  UNION
  WITH $datasetVersionId AS dvId WHERE $text IS NULL AND $featureId IS NULL AND dvId IS NOT NULL
  MATCH (:DatasetVersion {id: dvId})<-[:READ]-(:Run)-[:PRODUCED]->(mv:ModelVersion)
  RETURN mv
  UNION
  WITH $datasetId AS datasetId WHERE $text IS NULL AND $featureId IS NULL AND $datasetVersionId IS NULL AND datasetId IS NOT NULL
  MATCH (:Dataset {id: datasetId})<-[:VERSION_OF]-(:DatasetVersion)<-[:READ]-(:Run)-[:PRODUCED]->(mv:ModelVersion)
  RETURN mv
  UNION
  WITH $approvedForIonId AS ionId
  WHERE $text IS NULL AND $featureId IS NULL AND $datasetVersionId IS NULL AND $datasetId IS NULL AND ionId IS NOT NULL
  MATCH (:ION {id: ionId})<-[:FOR_ION]-(:Approval)-[:REVIEWS]->(mv:ModelVersion)
  RETURN mv
  UNION
  // The first tag: its key's index, then the versions (and models' versions) carrying it.
  WITH $tags[0] AS tag
  WHERE $text IS NULL AND $featureId IS NULL AND $datasetVersionId IS NULL AND $datasetId IS NULL AND $approvedForIonId IS NULL
    AND tag IS NOT NULL
  MATCH (t:Tag {key: tag.key}) WHERE tag.value IS NULL OR t.value = tag.value
  // Tagged itself (one hop) or a version of a tagged model (two).
  MATCH (t)<-[:TAGGED|VERSION_OF*1..2]-(mv:ModelVersion)
  RETURN mv
  UNION
  WITH $status AS status
  WHERE $text IS NULL AND $featureId IS NULL AND $datasetVersionId IS NULL AND $datasetId IS NULL AND $approvedForIonId IS NULL
    AND size($tags) = 0 AND status IS NOT NULL
  MATCH (mv:ModelVersion {status: status})
  RETURN mv
  UNION
  WITH 1 AS any
  WHERE $text IS NULL AND $featureId IS NULL AND $datasetVersionId IS NULL AND $datasetId IS NULL AND $approvedForIonId IS NULL
    AND size($tags) = 0 AND $status IS NULL
  MATCH (mv:ModelVersion) WHERE mv.createdAt IS NOT NULL
  RETURN mv ORDER BY mv.createdAt DESC LIMIT $cap
}
WITH DISTINCT mv
WHERE ($algorithm IS NULL OR toLower(mv.algorithm) CONTAINS toLower($algorithm))
  AND ($framework IS NULL OR toLower(mv.framework) = toLower($framework))
  AND ($status IS NULL OR mv.status = $status)
  AND ($featureId IS NULL OR EXISTS { (mv)<-[:PRODUCED]-(:Run)-[:USED_FEATURE]->(:Feature {id: $featureId}) })
  AND ($datasetVersionId IS NULL OR EXISTS { (mv)<-[:PRODUCED]-(:Run)-[:READ]->(:DatasetVersion {id: $datasetVersionId}) })
  AND ($datasetId IS NULL OR EXISTS {
    (mv)<-[:PRODUCED]-(:Run)-[:READ]->(:DatasetVersion)-[:VERSION_OF]->(:Dataset {id: $datasetId})
  })
  // "Approved for an ION" means its latest decision for that ION is an approval.
  AND ($approvedForIonId IS NULL OR COLLECT {
    MATCH (mv)<-[:REVIEWS]-(a:Approval)-[:FOR_ION]->(:ION {id: $approvedForIonId})
    RETURN a.decision ORDER BY a.at DESC, a.id DESC LIMIT 1
  } = ['APPROVED'])
  AND all(tag IN $tags WHERE
    EXISTS { MATCH (mv)-[:TAGGED]->(t:Tag {key: tag.key}) WHERE tag.value IS NULL OR t.value = tag.value }
    OR EXISTS { MATCH (mv)-[:VERSION_OF]->(:Model)-[:TAGGED]->(t:Tag {key: tag.key}) WHERE tag.value IS NULL OR t.value = tag.value })
RETURN mv.id AS id, mv.createdAt AS createdAt, mv.metrics AS metrics
ORDER BY createdAt DESC, id DESC
LIMIT $cap
