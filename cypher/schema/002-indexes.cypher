// Schema 2: the lookups the queries need (DESIGN.md, "Indexes").
CREATE INDEX prediction_subject IF NOT EXISTS FOR (n:Prediction) ON (n.subjectKey);
CREATE INDEX prediction_subject_at IF NOT EXISTS FOR (n:Prediction) ON (n.subjectKey, n.at);
CREATE INDEX prediction_request IF NOT EXISTS FOR (n:Prediction) ON (n.requestId);
CREATE INDEX prediction_at IF NOT EXISTS FOR (n:Prediction) ON (n.at);
CREATE INDEX run_started IF NOT EXISTS FOR (n:Run) ON (n.startedAt);
CREATE INDEX run_kind IF NOT EXISTS FOR (n:Run) ON (n.kind);
CREATE INDEX event_at IF NOT EXISTS FOR (n:Event) ON (n.at);
CREATE INDEX model_version_status IF NOT EXISTS FOR (n:ModelVersion) ON (n.status);
CREATE INDEX model_version_algorithm IF NOT EXISTS FOR (n:ModelVersion) ON (n.algorithm);
CREATE INDEX approval_at IF NOT EXISTS FOR (n:Approval) ON (n.at);
CREATE INDEX deployment_from IF NOT EXISTS FOR (n:Deployment) ON (n.from);
CREATE TEXT INDEX model_name_text IF NOT EXISTS FOR (n:Model) ON (n.name);
CREATE TEXT INDEX dataset_name_text IF NOT EXISTS FOR (n:Dataset) ON (n.name);
CREATE TEXT INDEX feature_name_text IF NOT EXISTS FOR (n:Feature) ON (n.name);
CREATE TEXT INDEX ion_name_text IF NOT EXISTS FOR (n:ION) ON (n.name);
CREATE FULLTEXT INDEX entity_text IF NOT EXISTS
  FOR (n:ION|PipelineNode|Dataset|Feature|Model|ModelVersion|Principal)
  ON EACH [n.name, n.description, n.algorithm, n.framework];
