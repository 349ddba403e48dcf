// @name lineage/expand
// @mode READ
// @param ids: list<string>
// @param outTypes: list<string>
// @param inTypes: list<string>
// @param limit: int
// @param asOf: string | null
// One hop of a lineage walk from a frontier of nodes (by element id). The service's direction
// table decides which relationship types are walked outgoing ($outTypes) and incoming ($inTypes);
// relationship types cannot be parameters, so this file names each literally, in two groups:
// effect→cause links (a prediction MADE_BY its run) and cause→effect links (a run PRODUCED a model).
// Walking toward causes (effect→cause forward, cause→effect backward) meets few neighbours per node,
// so those are expanded together. Walking toward effects meets fan-ins (a run's million predictions,
// a pipeline node's runs, a model's loads): each type is degree-checked first (COUNT on one type and
// direction is read from the node's degree store, without touching the relationships) and expanded
// only when it has at most $limit neighbours; otherwise only its count comes back (`bulky`).
UNWIND $ids[..1000] AS elementId
MATCH (n) WHERE elementId(n) = elementId
WITH n, elementId, [d IN [
    {rel: 'MADE_BY', out: false, count: CASE WHEN 'MADE_BY' IN $inTypes THEN COUNT { (n)<-[:MADE_BY]-() } ELSE 0 END},
    {rel: 'USED', out: false, count: CASE WHEN 'USED' IN $inTypes THEN COUNT { (n)<-[:USED]-() } ELSE 0 END},
    {rel: 'DURING', out: false, count: CASE WHEN 'DURING' IN $inTypes THEN COUNT { (n)<-[:DURING]-() } ELSE 0 END},
    {rel: 'OF_NODE', out: false, count: CASE WHEN 'OF_NODE' IN $inTypes THEN COUNT { (n)<-[:OF_NODE]-() } ELSE 0 END},
    {rel: 'IN_INSTANCE', out: false, count: CASE WHEN 'IN_INSTANCE' IN $inTypes THEN COUNT { (n)<-[:IN_INSTANCE]-() } ELSE 0 END},
    {rel: 'INSTANCE_OF', out: false, count: CASE WHEN 'INSTANCE_OF' IN $inTypes THEN COUNT { (n)<-[:INSTANCE_OF]-() } ELSE 0 END},
    {rel: 'VERSION_OF', out: false, count: CASE WHEN 'VERSION_OF' IN $inTypes THEN COUNT { (n)<-[:VERSION_OF]-() } ELSE 0 END},
    {rel: 'DERIVED_FROM', out: false, count: CASE WHEN 'DERIVED_FROM' IN $inTypes THEN COUNT { (n)<-[:DERIVED_FROM]-() } ELSE 0 END},
    {rel: 'COLUMN_OF', out: false, count: CASE WHEN 'COLUMN_OF' IN $inTypes THEN COUNT { (n)<-[:COLUMN_OF]-() } ELSE 0 END},
    {rel: 'READ', out: false, count: CASE WHEN 'READ' IN $inTypes THEN COUNT { (n)<-[:READ]-() } ELSE 0 END},
    {rel: 'USED_FEATURE', out: false, count: CASE WHEN 'USED_FEATURE' IN $inTypes THEN COUNT { (n)<-[:USED_FEATURE]-() } ELSE 0 END},
    {rel: 'HAS_MEMBER', out: false, count: CASE WHEN 'HAS_MEMBER' IN $inTypes THEN COUNT { (n)<-[:HAS_MEMBER]-() } ELSE 0 END},
    {rel: 'REVIEWS', out: false, count: CASE WHEN 'REVIEWS' IN $inTypes THEN COUNT { (n)<-[:REVIEWS]-() } ELSE 0 END},
    {rel: 'FOR_ION', out: false, count: CASE WHEN 'FOR_ION' IN $inTypes THEN COUNT { (n)<-[:FOR_ION]-() } ELSE 0 END},
    {rel: 'BY_RUN', out: false, count: CASE WHEN 'BY_RUN' IN $inTypes THEN COUNT { (n)<-[:BY_RUN]-() } ELSE 0 END},
    {rel: 'DEPLOYS', out: false, count: CASE WHEN 'DEPLOYS' IN $inTypes THEN COUNT { (n)<-[:DEPLOYS]-() } ELSE 0 END},
    {rel: 'TO_NODE', out: false, count: CASE WHEN 'TO_NODE' IN $inTypes THEN COUNT { (n)<-[:TO_NODE]-() } ELSE 0 END},
    {rel: 'AUTHORIZED_BY', out: false, count: CASE WHEN 'AUTHORIZED_BY' IN $inTypes THEN COUNT { (n)<-[:AUTHORIZED_BY]-() } ELSE 0 END},
    {rel: 'LOADED', out: false, count: CASE WHEN 'LOADED' IN $inTypes THEN COUNT { (n)<-[:LOADED]-() } ELSE 0 END},
    {rel: 'TRIGGERED_BY', out: false, count: CASE WHEN 'TRIGGERED_BY' IN $inTypes THEN COUNT { (n)<-[:TRIGGERED_BY]-() } ELSE 0 END},
    {rel: 'UPLOADED_BY', out: false, count: CASE WHEN 'UPLOADED_BY' IN $inTypes THEN COUNT { (n)<-[:UPLOADED_BY]-() } ELSE 0 END},
    {rel: 'HAS_NODE', out: true, count: CASE WHEN 'HAS_NODE' IN $outTypes THEN COUNT { (n)-[:HAS_NODE]->() } ELSE 0 END},
    {rel: 'HAS_STAGE', out: true, count: CASE WHEN 'HAS_STAGE' IN $outTypes THEN COUNT { (n)-[:HAS_STAGE]->() } ELSE 0 END},
    {rel: 'FEEDS', out: true, count: CASE WHEN 'FEEDS' IN $outTypes THEN COUNT { (n)-[:FEEDS]->() } ELSE 0 END},
    {rel: 'PRODUCED', out: true, count: CASE WHEN 'PRODUCED' IN $outTypes THEN COUNT { (n)-[:PRODUCED]->() } ELSE 0 END},
    {rel: 'DECIDED', out: true, count: CASE WHEN 'DECIDED' IN $outTypes THEN COUNT { (n)-[:DECIDED]->() } ELSE 0 END},
    {rel: 'SENDS', out: true, count: CASE WHEN 'SENDS' IN $outTypes THEN COUNT { (n)-[:SENDS]->() } ELSE 0 END}
  ] WHERE d.count > $limit] AS bulky
CALL (n, bulky) {
  CALL (n, bulky) {
    // Toward causes: effect→cause links forward, cause→effect links backward.
    MATCH (n)-[r:MADE_BY|USED|DURING|OF_NODE|IN_INSTANCE|INSTANCE_OF|VERSION_OF|DERIVED_FROM|COLUMN_OF|READ|USED_FEATURE|HAS_MEMBER|REVIEWS|FOR_ION|BY_RUN|DEPLOYS|TO_NODE|AUTHORIZED_BY|LOADED|TRIGGERED_BY|UPLOADED_BY]->(m) WHERE type(r) IN $outTypes
    RETURN r, m, true AS out
    UNION ALL
    MATCH (n)<-[r:HAS_NODE|HAS_STAGE|FEEDS|PRODUCED|DECIDED|SENDS]-(m) WHERE type(r) IN $inTypes
    RETURN r, m, false AS out
    UNION ALL
    // Toward effects, one type at a time, only below the limit.
    WITH n, bulky WHERE 'MADE_BY' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'MADE_BY')
    MATCH (n)<-[r:MADE_BY]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'USED' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'USED')
    MATCH (n)<-[r:USED]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'DURING' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'DURING')
    MATCH (n)<-[r:DURING]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'OF_NODE' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'OF_NODE')
    MATCH (n)<-[r:OF_NODE]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'IN_INSTANCE' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'IN_INSTANCE')
    MATCH (n)<-[r:IN_INSTANCE]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'INSTANCE_OF' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'INSTANCE_OF')
    MATCH (n)<-[r:INSTANCE_OF]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'VERSION_OF' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'VERSION_OF')
    MATCH (n)<-[r:VERSION_OF]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'DERIVED_FROM' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'DERIVED_FROM')
    MATCH (n)<-[r:DERIVED_FROM]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'COLUMN_OF' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'COLUMN_OF')
    MATCH (n)<-[r:COLUMN_OF]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'READ' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'READ')
    MATCH (n)<-[r:READ]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'USED_FEATURE' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'USED_FEATURE')
    MATCH (n)<-[r:USED_FEATURE]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'HAS_MEMBER' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'HAS_MEMBER')
    MATCH (n)<-[r:HAS_MEMBER]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'REVIEWS' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'REVIEWS')
    MATCH (n)<-[r:REVIEWS]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'FOR_ION' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'FOR_ION')
    MATCH (n)<-[r:FOR_ION]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'BY_RUN' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'BY_RUN')
    MATCH (n)<-[r:BY_RUN]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'DEPLOYS' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'DEPLOYS')
    MATCH (n)<-[r:DEPLOYS]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'TO_NODE' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'TO_NODE')
    MATCH (n)<-[r:TO_NODE]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'AUTHORIZED_BY' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'AUTHORIZED_BY')
    MATCH (n)<-[r:AUTHORIZED_BY]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'LOADED' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'LOADED')
    MATCH (n)<-[r:LOADED]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'TRIGGERED_BY' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'TRIGGERED_BY')
    MATCH (n)<-[r:TRIGGERED_BY]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'UPLOADED_BY' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'UPLOADED_BY')
    MATCH (n)<-[r:UPLOADED_BY]-(m) RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'HAS_NODE' IN $outTypes AND NOT any(b IN bulky WHERE b.rel = 'HAS_NODE')
    MATCH (n)-[r:HAS_NODE]->(m) RETURN r, m, true AS out
    UNION ALL
    WITH n, bulky WHERE 'HAS_STAGE' IN $outTypes AND NOT any(b IN bulky WHERE b.rel = 'HAS_STAGE')
    MATCH (n)-[r:HAS_STAGE]->(m) RETURN r, m, true AS out
    UNION ALL
    WITH n, bulky WHERE 'FEEDS' IN $outTypes AND NOT any(b IN bulky WHERE b.rel = 'FEEDS')
    MATCH (n)-[r:FEEDS]->(m) RETURN r, m, true AS out
    UNION ALL
    WITH n, bulky WHERE 'PRODUCED' IN $outTypes AND NOT any(b IN bulky WHERE b.rel = 'PRODUCED')
    MATCH (n)-[r:PRODUCED]->(m) RETURN r, m, true AS out
    UNION ALL
    WITH n, bulky WHERE 'DECIDED' IN $outTypes AND NOT any(b IN bulky WHERE b.rel = 'DECIDED')
    MATCH (n)-[r:DECIDED]->(m) RETURN r, m, true AS out
    UNION ALL
    WITH n, bulky WHERE 'SENDS' IN $outTypes AND NOT any(b IN bulky WHERE b.rel = 'SENDS')
    MATCH (n)-[r:SENDS]->(m) RETURN r, m, true AS out
  }
  WITH r, m, out
  WHERE $asOf IS NULL OR coalesce(m.at, m.startedAt, m.from, m.createdAt) <= datetime($asOf)
  // Count every neighbour, but read properties only of groups returned whole.
  WITH type(r) AS rel, out, labels(m)[0] AS type, count(*) AS total, collect([r, m])[..$limit] AS some
  RETURN collect({rel: rel, out: out, type: type, count: total,
    neighbours: CASE WHEN total > $limit THEN [] ELSE [hit IN some | {elementId: elementId(hit[1]), id: hit[1].id,
      type: labels(hit[1])[0], properties: properties(hit[1]), relProperties: properties(hit[0])}] END}) AS groups
}
RETURN elementId, bulky, groups
