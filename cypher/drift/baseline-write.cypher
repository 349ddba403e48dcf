// @name drift/baseline-write
// @mode WRITE
// @param datasetVersionId: string
// @param rows: list<{id, feature, kind, rows, count, min, max, sketch, categories}>
// A dataset version's baseline signatures, one per feature, replaced whole by a new sample (so a
// replayed sample leaves the same signatures).
MATCH (dv:DatasetVersion {id: $datasetVersionId})
UNWIND $rows AS row
MERGE (s:Signature {id: row.id})
  ON CREATE SET s.createdAt = datetime()
SET s.scope = 'BASELINE', s.datasetVersionId = dv.id, s.feature = row.feature, s.kind = row.kind, s.rows = row.rows,
  s.count = row.count, s.min = row.min, s.max = row.max, s.sketch = row.sketch, s.categories = row.categories, s.updatedAt = datetime()
MERGE (dv)-[:HAS_SIGNATURE]->(s)
RETURN count(s) AS written
