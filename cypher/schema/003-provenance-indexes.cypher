// Schema 3: orderings the provenance reads page by (newest model versions first, features by name).
CREATE INDEX model_version_created IF NOT EXISTS FOR (n:ModelVersion) ON (n.createdAt);
CREATE INDEX feature_name IF NOT EXISTS FOR (n:Feature) ON (n.name);
CREATE INDEX ion_instance_started IF NOT EXISTS FOR (n:IONInstance) ON (n.startedAt);
