// @name meta/schema-version
// @mode READ
// The schema version recorded by the last start-up, if any.
OPTIONAL MATCH (m:SchemaMeta {id: 'schema'})
RETURN m.version AS version, m.appliedAt AS appliedAt
