// @name search/feature-usage
// @mode READ
// @param ids: list<string>
// Per-item loader: each feature's source datasets and how many model versions were produced
// by training runs that used it.
UNWIND $ids AS id
MATCH (f:Feature {id: id})
RETURN f.id AS id,
  COLLECT {
    MATCH (f)-[:DERIVED_FROM]->(d:Dataset)
    RETURN d { .id, .name, .classification } ORDER BY d.name LIMIT 100
  } AS datasets,
  size(COLLECT { MATCH (f)<-[:USED_FEATURE]-(:Run)-[:PRODUCED]->(mv:ModelVersion) RETURN DISTINCT mv.id }) AS modelVersionCount
