// @name drift/signatures-write
// @mode WRITE
// @param rows: list<{id, rows, count, min, max, sketch, categories}>
// Stores merged window signatures (locked and read by drift/window-signatures-lock in this transaction).
UNWIND $rows AS row
MATCH (s:Signature {id: row.id})
SET s.rows = row.rows, s.count = row.count, s.min = row.min, s.max = row.max, s.sketch = row.sketch, s.categories = row.categories
