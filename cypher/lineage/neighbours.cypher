// @name lineage/neighbours
// @mode READ
// @param elementId: string
// @param relType: string
// @param outgoing: boolean
// @param type: string
// @param after: string | null
// @param first: int
// @param asOf: string | null
// @param denseFrom: int
// One page of a node's neighbours through one relationship type and direction, in id order
// (keyset paging: $after is the last id of the previous page). The high-volume fan-ins are
// walked by their literal type so the other dense chains are never read.
// A prediction fan-in of $denseFrom or more (a model version's or a serving run's predictions,
// counted from the degree store) is read from the Prediction id index in id order instead: a
// page then reads about (page size × all predictions / fan-in) index entries rather than
// sorting the whole fan-in, which took seconds per page at a million predictions.
MATCH (n) WHERE elementId(n) = $elementId
WITH n, $type = 'Prediction' AND NOT $outgoing AND (
  ($relType = 'MADE_BY' AND COUNT { (n)<-[:MADE_BY]-() } >= $denseFrom) OR
  ($relType = 'USED' AND COUNT { (n)<-[:USED]-() } >= $denseFrom)) AS dense
CALL (n, dense) {
  WITH n WHERE $relType = 'MADE_BY' AND NOT $outgoing AND NOT dense
  MATCH (n)<-[r:MADE_BY]-(m) RETURN r, m
  UNION ALL
  WITH n WHERE $relType = 'USED' AND NOT $outgoing AND NOT dense
  MATCH (n)<-[r:USED]-(m) RETURN r, m
  UNION ALL
  WITH n WHERE $relType = 'MADE_BY' AND dense
  MATCH (m:Prediction) WHERE m.id > coalesce($after, '') AND (m)-[:MADE_BY]->(n)
    AND ($asOf IS NULL OR m.at <= datetime($asOf))
  WITH n, m ORDER BY m.id LIMIT toInteger($first) + 1
  MATCH (m)-[r:MADE_BY]->(n) RETURN r, m
  UNION ALL
  WITH n WHERE $relType = 'USED' AND dense
  MATCH (m:Prediction) WHERE m.id > coalesce($after, '') AND (m)-[:USED]->(n)
    AND ($asOf IS NULL OR m.at <= datetime($asOf))
  WITH n, m ORDER BY m.id LIMIT toInteger($first) + 1
  MATCH (m)-[r:USED]->(n) RETURN r, m
  UNION ALL
  WITH n WHERE $relType = 'DURING' AND NOT $outgoing
  MATCH (n)<-[r:DURING]-(m) RETURN r, m
  UNION ALL
  WITH n WHERE $relType IN ['MADE_BY', 'USED', 'DURING'] AND $outgoing
  MATCH (n)-[r:MADE_BY|USED|DURING]->(m) WHERE type(r) = $relType RETURN r, m
  UNION ALL
  WITH n WHERE $outgoing
  MATCH (n)-[r:OF_NODE|IN_INSTANCE|INSTANCE_OF|VERSION_OF|DERIVED_FROM|READ|USED_FEATURE|HAS_MEMBER|REVIEWS|FOR_ION|BY_RUN|DEPLOYS|TO_NODE|AUTHORIZED_BY|LOADED|TRIGGERED_BY|UPLOADED_BY|HAS_NODE|HAS_STAGE|FEEDS|PRODUCED|DECIDED|SENDS]->(m) WHERE type(r) = $relType RETURN r, m
  UNION ALL
  WITH n WHERE NOT $outgoing
  MATCH (n)<-[r:OF_NODE|IN_INSTANCE|INSTANCE_OF|VERSION_OF|DERIVED_FROM|READ|USED_FEATURE|HAS_MEMBER|REVIEWS|FOR_ION|BY_RUN|DEPLOYS|TO_NODE|AUTHORIZED_BY|LOADED|TRIGGERED_BY|UPLOADED_BY|HAS_NODE|HAS_STAGE|FEEDS|PRODUCED|DECIDED|SENDS]-(m) WHERE type(r) = $relType RETURN r, m
}
WITH r, m
WHERE $type IN labels(m) AND ($after IS NULL OR m.id > $after)
  AND ($asOf IS NULL OR coalesce(m.at, m.startedAt, m.from, m.createdAt) <= datetime($asOf))
WITH r, m ORDER BY m.id LIMIT toInteger($first) + 1
RETURN elementId(m) AS elementId, m.id AS id, labels(m)[0] AS type, properties(m) AS properties, properties(r) AS relProperties
