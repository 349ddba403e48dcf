// @name drift/signatures-write
// @mode WRITE
// @param rows: list<{id, features}>
// Stores merged window signatures (locked and read by drift/window-signatures-upsert in this
// transaction): `features` is the JSON of every feature's signature over the run.
UNWIND $rows AS row
MATCH (s:Signature {id: row.id})
SET s.features = row.features
