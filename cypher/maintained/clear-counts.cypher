// @name maintained/clear-counts
// @mode WRITE
// Deletes every maintained counter in batches (the first step of a rebuild). Runs only in an
// auto-commit transaction (Executor.runInBatches), as every `CALL … IN TRANSACTIONS` must.
MATCH (c:UseCount|UnversionedCount)
CALL (c) {
  DELETE c
} IN TRANSACTIONS OF 10000 ROWS
