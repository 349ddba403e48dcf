// Schema 3: orderings the provenance reads page by (newest model versions first, features by
// name), so a search without filters walks an index in order and stops at its cap.
CREATE INDEX model_version_created IF NOT EXISTS FOR (n:ModelVersion) ON (n.createdAt);
CREATE INDEX feature_name IF NOT EXISTS FOR (n:Feature) ON (n.name);
