// Schema 8: model versions by artifact digest, so an artifact download finds the versions (and
// through them the training data) that decide who may read it with one index seek.
CREATE INDEX model_version_digest IF NOT EXISTS FOR (n:ModelVersion) ON (n.digest);
