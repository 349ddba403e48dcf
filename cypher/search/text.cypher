// @name search/text
// @mode READ
// @param text: string (a Lucene query, escaped by the service)
// @param first: int (most hits per kind)
// @param cap: int (most fulltext hits considered)
// The search box: fulltext hits grouped by kind, best first.
CALL db.index.fulltext.queryNodes('entity_text', $text, {limit: $cap}) YIELD node, score
WITH node, score,
  [label IN labels(node) WHERE label IN ['ModelVersion', 'Model', 'Dataset', 'Feature', 'ION', 'PipelineNode', 'Principal']][0] AS kind
ORDER BY score DESC, node.id
WITH kind, collect({ id: node.id, name: node.name, description: node.description, score: score, tags: coalesce(node.tags, []) }) AS hits
RETURN kind, hits[0..$first] AS hits, size(hits) AS total
