// @name meta/record-schema-version
// @mode WRITE
// @param version: integer
// @param files: list<string>
MERGE (m:SchemaMeta {id: 'schema'})
SET m.version = $version, m.files = $files, m.appliedAt = datetime()
RETURN m.version AS version
