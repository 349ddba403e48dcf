// @name ion/run-stages
// @mode READ
// @param runId: string
// @param cap: int
// One run with its level-1 stage DAG (Stage nodes and FEEDS edges) and its context.
MATCH (run:Run {id: $runId})
RETURN run {
    .id, .kind, .status, .startedAt, .endedAt, .params, .codeVersion, .engine, .engineVersion, .host,
    .environment, .searchGroupId, .purpose
  } AS run,
  COLLECT { MATCH (run)-[:OF_NODE]->(n:PipelineNode) RETURN n { .id, .name, .role, .engine, .codeRepo } LIMIT 1 }[0] AS node,
  COLLECT { MATCH (run)-[:OF_NODE]->(:PipelineNode)<-[:HAS_NODE]-(ion:ION) RETURN ion { .id, .name } LIMIT 1 }[0] AS ion,
  COLLECT { MATCH (run)-[:IN_INSTANCE]->(i:IONInstance) RETURN i.id LIMIT 1 }[0] AS instanceId,
  COLLECT { MATCH (run)-[:TRIGGERED_BY]->(p:Principal) RETURN p { .id, .name, .kind } LIMIT 1 }[0] AS triggeredBy,
  COLLECT { MATCH (run)-[:READ]->(dv:DatasetVersion) RETURN dv.id ORDER BY dv.id LIMIT $cap } AS datasetVersionIds,
  COLLECT { MATCH (run)-[:USED_FEATURE]->(f:Feature) RETURN f.id ORDER BY f.id LIMIT $cap } AS featureIds,
  COLLECT { MATCH (run)-[:PRODUCED]->(mv:ModelVersion) RETURN mv.id ORDER BY mv.id LIMIT $cap } AS producedModelVersionIds,
  COLLECT { MATCH (run)-[:HAS_STAGE]->(s:Stage) RETURN s { .id, .name, .type, .stats } ORDER BY s.id LIMIT $cap } AS stages,
  COLLECT {
    MATCH (run)-[:HAS_STAGE]->(a:Stage)-[:FEEDS]->(b:Stage)
    RETURN { from: a.id, to: b.id } ORDER BY a.id, b.id LIMIT $cap
  } AS feeds
