// Schema 8: several service instances on one database. Revoking an API token bumps one epoch
// counter, which every instance reads (one seek, at most twice a second) to drop its token cache.
CREATE CONSTRAINT auth_epoch_id IF NOT EXISTS FOR (n:AuthEpoch) REQUIRE n.id IS UNIQUE;
// Several instances append to audit chains of their own; the seqs of each come in blocks from
// one counter node, created once (MERGE under this constraint is safe against a concurrent one).
CREATE CONSTRAINT audit_seq_block_id IF NOT EXISTS FOR (n:AuditSeqBlock) REQUIRE n.id IS UNIQUE;
