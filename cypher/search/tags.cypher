// @name search/tags
// @mode READ
// @param tagIds: list<string> (exact `tag:<key>=<value>` ids, when the text reads as key:value)
// @param text: string | null (a Lucene query over tag keys and values, escaped by the service)
// @param cap: int (most tags considered)
// @param first: int (most tagged nodes returned)
// The search box's tag hits: tags matched exactly (unique-id seek) or by words of their key or
// value (fulltext), then the nodes carrying them. A tag on a million runs is read only up to
// $first of its TAGGED edges.
CALL () {
  UNWIND $tagIds[..10] AS tagId
  MATCH (t:Tag {id: tagId})
  RETURN t, 100.0 AS score
  UNION
  WITH $text AS text WHERE text IS NOT NULL
  CALL db.index.fulltext.queryNodes('tag_text', text, {limit: $cap}) YIELD node, score
  RETURN node AS t, score
}
WITH t, max(score) AS score
ORDER BY score DESC, t.id
LIMIT $cap
CALL (t) {
  MATCH (n)-[:TAGGED]->(t)
  RETURN n LIMIT $first
}
WITH n, max(score) AS score, collect(t.key + '=' + t.value) AS matched
ORDER BY score DESC, n.id
LIMIT $first
RETURN n.id AS id,
  coalesce([label IN labels(n) WHERE label IN ['ModelVersion', 'Model', 'Dataset', 'DatasetVersion', 'Feature', 'Run', 'ION', 'PipelineNode']][0], labels(n)[0]) AS kind,
  coalesce(n.name, n.version, n.id) AS name, n.description AS description, score, matched, coalesce(n.tags, []) AS tags
