// @name bulk/empty-tags
// @mode WRITE
// @param limit: integer
// After a bulk import: gives nodes of the tagged labels without tags the empty `tags` list the
// ingest queries store (the import tool has no empty list; an empty cell is an absent property).
// At most $limit nodes per label per call; the caller repeats until nothing is updated.
CALL () { MATCH (n:ION) WHERE n.tags IS NULL WITH n LIMIT toInteger($limit) SET n.tags = [] RETURN count(n) AS ions }
CALL () { MATCH (n:Dataset) WHERE n.tags IS NULL WITH n LIMIT toInteger($limit) SET n.tags = [] RETURN count(n) AS datasets }
CALL () { MATCH (n:DatasetVersion) WHERE n.tags IS NULL WITH n LIMIT toInteger($limit) SET n.tags = [] RETURN count(n) AS datasetVersions }
CALL () { MATCH (n:Feature) WHERE n.tags IS NULL WITH n LIMIT toInteger($limit) SET n.tags = [] RETURN count(n) AS features }
CALL () { MATCH (n:Model) WHERE n.tags IS NULL WITH n LIMIT toInteger($limit) SET n.tags = [] RETURN count(n) AS models }
CALL () { MATCH (n:ModelVersion) WHERE n.tags IS NULL WITH n LIMIT toInteger($limit) SET n.tags = [] RETURN count(n) AS modelVersions }
CALL () { MATCH (n:Run) WHERE n.tags IS NULL WITH n LIMIT toInteger($limit) SET n.tags = [] RETURN count(n) AS runs }
RETURN ions + datasets + datasetVersions + features + models + modelVersions + runs AS updated
