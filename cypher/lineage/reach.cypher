// @name lineage/reach
// @mode READ
// @param rootId: string
// @param hops: int
// @param outTypes: list<string>
// @param inTypes: list<string>
// @param limit: int
// @param asOf: string | null
// @param maxNodes: int
// @param maxFrontier: int
// @param maxCandidates: int
// Every node a lineage walk will expand, found in one round trip whatever the depth: a
// breadth-first loop of at most $hops (≤ 9) steps folded by reduce() from the root. Each step
// follows the same direction table and fan-out rule as `lineage/expand`: toward causes every
// allowed link; toward effects a type only when the node's degree for it (read from the degree
// store) is at most $limit, so a run's million predictions are never touched. The frontier is
// cut at $maxFrontier nodes, a hop stops collecting at $maxCandidates neighbours (the duplicate
// check is a list scan) and the loop stops growing at $maxNodes, so a wide BOTH walk stays bounded. The answer is a hint: the service expands these nodes with `lineage/expand` in one
// batch and replays the hops itself, expanding any node the hint missed.
MATCH (root) WHERE elementId(root) = $rootId
WITH reduce(state = {seen: [root], frontier: [root]}, _ IN range(1, toInteger($hops)) |
  CASE WHEN size(state.frontier) = 0 OR size(state.seen) >= $maxNodes THEN state ELSE
  reduce(next = {seen: state.seen, frontier: []}, m IN reduce(found = [], x IN state.frontier[..toInteger($maxFrontier)] |
      CASE WHEN size(found) >= $maxCandidates THEN found ELSE found
      + [(x)-[r:MADE_BY|USED|DURING|OF_NODE|IN_INSTANCE|INSTANCE_OF|VERSION_OF|DERIVED_FROM|COLUMN_OF|READ|USED_FEATURE|HAS_MEMBER|REVIEWS|FOR_ION|BY_RUN|DEPLOYS|TO_NODE|AUTHORIZED_BY|LOADED|TRIGGERED_BY|UPLOADED_BY]->(y) WHERE type(r) IN $outTypes | y]
      + [(x)<-[r:HAS_NODE|HAS_STAGE|FEEDS|PRODUCED|DECIDED|SENDS]-(y) WHERE type(r) IN $inTypes | y]
      + CASE WHEN 'MADE_BY' IN $inTypes AND COUNT { (x)<-[:MADE_BY]-() } <= $limit THEN [(x)<-[:MADE_BY]-(y) | y] ELSE [] END
      + CASE WHEN 'USED' IN $inTypes AND COUNT { (x)<-[:USED]-() } <= $limit THEN [(x)<-[:USED]-(y) | y] ELSE [] END
      + CASE WHEN 'DURING' IN $inTypes AND COUNT { (x)<-[:DURING]-() } <= $limit THEN [(x)<-[:DURING]-(y) | y] ELSE [] END
      + CASE WHEN 'OF_NODE' IN $inTypes AND COUNT { (x)<-[:OF_NODE]-() } <= $limit THEN [(x)<-[:OF_NODE]-(y) | y] ELSE [] END
      + CASE WHEN 'IN_INSTANCE' IN $inTypes AND COUNT { (x)<-[:IN_INSTANCE]-() } <= $limit THEN [(x)<-[:IN_INSTANCE]-(y) | y] ELSE [] END
      + CASE WHEN 'INSTANCE_OF' IN $inTypes AND COUNT { (x)<-[:INSTANCE_OF]-() } <= $limit THEN [(x)<-[:INSTANCE_OF]-(y) | y] ELSE [] END
      + CASE WHEN 'VERSION_OF' IN $inTypes AND COUNT { (x)<-[:VERSION_OF]-() } <= $limit THEN [(x)<-[:VERSION_OF]-(y) | y] ELSE [] END
      + CASE WHEN 'DERIVED_FROM' IN $inTypes AND COUNT { (x)<-[:DERIVED_FROM]-() } <= $limit THEN [(x)<-[:DERIVED_FROM]-(y) | y] ELSE [] END
      + CASE WHEN 'COLUMN_OF' IN $inTypes AND COUNT { (x)<-[:COLUMN_OF]-() } <= $limit THEN [(x)<-[:COLUMN_OF]-(y) | y] ELSE [] END
      + CASE WHEN 'READ' IN $inTypes AND COUNT { (x)<-[:READ]-() } <= $limit THEN [(x)<-[:READ]-(y) | y] ELSE [] END
      + CASE WHEN 'USED_FEATURE' IN $inTypes AND COUNT { (x)<-[:USED_FEATURE]-() } <= $limit THEN [(x)<-[:USED_FEATURE]-(y) | y] ELSE [] END
      + CASE WHEN 'HAS_MEMBER' IN $inTypes AND COUNT { (x)<-[:HAS_MEMBER]-() } <= $limit THEN [(x)<-[:HAS_MEMBER]-(y) | y] ELSE [] END
      + CASE WHEN 'REVIEWS' IN $inTypes AND COUNT { (x)<-[:REVIEWS]-() } <= $limit THEN [(x)<-[:REVIEWS]-(y) | y] ELSE [] END
      + CASE WHEN 'FOR_ION' IN $inTypes AND COUNT { (x)<-[:FOR_ION]-() } <= $limit THEN [(x)<-[:FOR_ION]-(y) | y] ELSE [] END
      + CASE WHEN 'BY_RUN' IN $inTypes AND COUNT { (x)<-[:BY_RUN]-() } <= $limit THEN [(x)<-[:BY_RUN]-(y) | y] ELSE [] END
      + CASE WHEN 'DEPLOYS' IN $inTypes AND COUNT { (x)<-[:DEPLOYS]-() } <= $limit THEN [(x)<-[:DEPLOYS]-(y) | y] ELSE [] END
      + CASE WHEN 'TO_NODE' IN $inTypes AND COUNT { (x)<-[:TO_NODE]-() } <= $limit THEN [(x)<-[:TO_NODE]-(y) | y] ELSE [] END
      + CASE WHEN 'AUTHORIZED_BY' IN $inTypes AND COUNT { (x)<-[:AUTHORIZED_BY]-() } <= $limit THEN [(x)<-[:AUTHORIZED_BY]-(y) | y] ELSE [] END
      + CASE WHEN 'LOADED' IN $inTypes AND COUNT { (x)<-[:LOADED]-() } <= $limit THEN [(x)<-[:LOADED]-(y) | y] ELSE [] END
      + CASE WHEN 'TRIGGERED_BY' IN $inTypes AND COUNT { (x)<-[:TRIGGERED_BY]-() } <= $limit THEN [(x)<-[:TRIGGERED_BY]-(y) | y] ELSE [] END
      + CASE WHEN 'UPLOADED_BY' IN $inTypes AND COUNT { (x)<-[:UPLOADED_BY]-() } <= $limit THEN [(x)<-[:UPLOADED_BY]-(y) | y] ELSE [] END
      + CASE WHEN 'HAS_NODE' IN $outTypes AND COUNT { (x)-[:HAS_NODE]->() } <= $limit THEN [(x)-[:HAS_NODE]->(y) | y] ELSE [] END
      + CASE WHEN 'HAS_STAGE' IN $outTypes AND COUNT { (x)-[:HAS_STAGE]->() } <= $limit THEN [(x)-[:HAS_STAGE]->(y) | y] ELSE [] END
      + CASE WHEN 'FEEDS' IN $outTypes AND COUNT { (x)-[:FEEDS]->() } <= $limit THEN [(x)-[:FEEDS]->(y) | y] ELSE [] END
      + CASE WHEN 'PRODUCED' IN $outTypes AND COUNT { (x)-[:PRODUCED]->() } <= $limit THEN [(x)-[:PRODUCED]->(y) | y] ELSE [] END
      + CASE WHEN 'DECIDED' IN $outTypes AND COUNT { (x)-[:DECIDED]->() } <= $limit THEN [(x)-[:DECIDED]->(y) | y] ELSE [] END
      + CASE WHEN 'SENDS' IN $outTypes AND COUNT { (x)-[:SENDS]->() } <= $limit THEN [(x)-[:SENDS]->(y) | y] ELSE [] END
      END
    ) |
    CASE WHEN size(next.seen) >= $maxNodes OR m IN next.seen
        OR NOT ($asOf IS NULL OR coalesce(m.at, m.startedAt, m.from, m.createdAt) <= datetime($asOf))
      THEN next ELSE {seen: next.seen + m, frontier: next.frontier + m} END)
  END) AS state
UNWIND state.seen AS n
RETURN elementId(n) AS elementId
