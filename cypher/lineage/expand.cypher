// @name lineage/expand
// @mode READ
// @param ids: list<string>
// @param outTypes: list<string>
// @param inTypes: list<string>
// @param limit: int
// @param asOf: string | null
// One hop of a lineage walk from a frontier of nodes (by element id). The service decides which
// relationship types to follow outgoing and incoming (its direction table); this file only
// walks them. High-volume relationships (MADE_BY, USED, DURING: predictions and events) are
// degree-checked first (COUNT on one relationship type is answered from the node's degree
// store) and entered only when they hold at most $limit neighbours; otherwise just their count
// comes back, so a run with a million predictions costs the same as one with ten. The other
// types are named literally too, so a walk never touches the dense prediction chains.
UNWIND $ids[..1000] AS elementId
MATCH (n) WHERE elementId(n) = elementId
WITH n, elementId, [d IN [
    {rel: 'MADE_BY', out: true, count: CASE WHEN 'MADE_BY' IN $outTypes THEN COUNT { (n)-[:MADE_BY]->() } ELSE 0 END},
    {rel: 'MADE_BY', out: false, count: CASE WHEN 'MADE_BY' IN $inTypes THEN COUNT { (n)<-[:MADE_BY]-() } ELSE 0 END},
    {rel: 'USED', out: true, count: CASE WHEN 'USED' IN $outTypes THEN COUNT { (n)-[:USED]->() } ELSE 0 END},
    {rel: 'USED', out: false, count: CASE WHEN 'USED' IN $inTypes THEN COUNT { (n)<-[:USED]-() } ELSE 0 END},
    {rel: 'DURING', out: true, count: CASE WHEN 'DURING' IN $outTypes THEN COUNT { (n)-[:DURING]->() } ELSE 0 END},
    {rel: 'DURING', out: false, count: CASE WHEN 'DURING' IN $inTypes THEN COUNT { (n)<-[:DURING]-() } ELSE 0 END}
  ] WHERE d.count > $limit] AS bulky
CALL (n, bulky) {
  CALL (n, bulky) {
    MATCH (n)-[r:OF_NODE|IN_INSTANCE|INSTANCE_OF|VERSION_OF|DERIVED_FROM|READ|USED_FEATURE|HAS_MEMBER|REVIEWS|FOR_ION|BY_RUN|DEPLOYS|TO_NODE|AUTHORIZED_BY|LOADED|TRIGGERED_BY|UPLOADED_BY|HAS_NODE|HAS_STAGE|FEEDS|PRODUCED|DECIDED|SENDS]->(m) WHERE type(r) IN $outTypes
    RETURN r, m, true AS out
    UNION ALL
    MATCH (n)<-[r:OF_NODE|IN_INSTANCE|INSTANCE_OF|VERSION_OF|DERIVED_FROM|READ|USED_FEATURE|HAS_MEMBER|REVIEWS|FOR_ION|BY_RUN|DEPLOYS|TO_NODE|AUTHORIZED_BY|LOADED|TRIGGERED_BY|UPLOADED_BY|HAS_NODE|HAS_STAGE|FEEDS|PRODUCED|DECIDED|SENDS]-(m) WHERE type(r) IN $inTypes
    RETURN r, m, false AS out
    UNION ALL
    MATCH (n)-[r:MADE_BY|USED|DURING]->(m)
    WHERE type(r) IN $outTypes AND NOT any(b IN bulky WHERE b.rel = type(r) AND b.out)
    RETURN r, m, true AS out
    UNION ALL
    WITH n, bulky WHERE 'MADE_BY' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'MADE_BY' AND NOT b.out)
    MATCH (n)<-[r:MADE_BY]-(m)
    RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'USED' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'USED' AND NOT b.out)
    MATCH (n)<-[r:USED]-(m)
    RETURN r, m, false AS out
    UNION ALL
    WITH n, bulky WHERE 'DURING' IN $inTypes AND NOT any(b IN bulky WHERE b.rel = 'DURING' AND NOT b.out)
    MATCH (n)<-[r:DURING]-(m)
    RETURN r, m, false AS out
  }
  WITH r, m, out
  WHERE $asOf IS NULL OR coalesce(m.at, m.startedAt, m.from, m.createdAt) <= datetime($asOf)
  WITH type(r) AS rel, out, labels(m)[0] AS type,
    collect({elementId: elementId(m), id: m.id, type: labels(m)[0], properties: properties(m), relProperties: properties(r)}) AS hits
  RETURN collect({rel: rel, out: out, type: type, count: size(hits),
    neighbours: CASE WHEN size(hits) > $limit THEN [] ELSE hits END}) AS groups
}
RETURN elementId, bulky, groups
