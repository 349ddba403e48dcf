// Schema 14: counters maintained at ingest, so impact and compliance read what they return,
// not the whole prediction history. A UseCount holds the predictions that used one model
// version in one hour (epoch hours) and one write shard; an UnversionedCount those of one run
// that recorded no model version. Readers sum the shards (see cypher/ingest/prediction-counts).
CREATE CONSTRAINT use_count_id IF NOT EXISTS FOR (n:UseCount) REQUIRE n.id IS UNIQUE;
CREATE INDEX use_count_version_hour IF NOT EXISTS FOR (n:UseCount) ON (n.modelVersionId, n.hour);
CREATE CONSTRAINT unversioned_count_id IF NOT EXISTS FOR (n:UnversionedCount) REQUIRE n.id IS UNIQUE;
CREATE INDEX unversioned_count_run_hour IF NOT EXISTS FOR (n:UnversionedCount) ON (n.runId, n.hour);
// One node records that the counters cover every stored prediction (written by the rebuild).
CREATE CONSTRAINT maintained_state_id IF NOT EXISTS FOR (n:MaintainedState) REQUIRE n.id IS UNIQUE;
