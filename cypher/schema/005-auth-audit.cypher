// Schema 5: API tokens (found by the SHA-256 of the presented token: one unique-index seek) and
// the access audit: a hash chain of entries ordered by `seq`, a head node that serializes
// appends, and one AuditAccess row per (entry, target) so "who accessed X" is an index range.
CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT api_token_hash IF NOT EXISTS FOR (n:ApiToken) REQUIRE n.hash IS UNIQUE;
CREATE INDEX api_token_created IF NOT EXISTS FOR (n:ApiToken) ON (n.createdAt);
CREATE CONSTRAINT audit_head_id IF NOT EXISTS FOR (n:AuditHead) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_id IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT audit_entry_seq IF NOT EXISTS FOR (n:AuditEntry) REQUIRE n.seq IS UNIQUE;
CREATE INDEX audit_entry_approval IF NOT EXISTS FOR (n:AuditEntry) ON (n.approvalId);
CREATE INDEX audit_access_target IF NOT EXISTS FOR (n:AuditAccess) ON (n.targetId, n.seq);
// Verification reads the AuditAccess rows of a range of entries (to check them against each
// entry's targetIds) and finds the seal that keys a legacy unkeyed prefix.
CREATE INDEX audit_access_seq IF NOT EXISTS FOR (n:AuditAccess) ON (n.seq);
CREATE INDEX audit_entry_kind IF NOT EXISTS FOR (n:AuditEntry) ON (n.kind);
