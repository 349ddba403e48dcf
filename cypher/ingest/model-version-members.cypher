// @name ingest/model-version-members
// @mode WRITE
// @param rows: list<{id, members}>
// Ensemble membership with weights; runs after ingest/model-versions for same-batch members.
UNWIND $rows AS row
MATCH (ensemble:ModelVersion {id: row.id})
UNWIND row.members AS member
MATCH (part:ModelVersion {id: member.modelVersionId})
CREATE (ensemble)-[:HAS_MEMBER {weight: member.weight}]->(part)
