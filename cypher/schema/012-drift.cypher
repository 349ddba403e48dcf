// Schema 8: drift monitoring. Signatures are found by id (a window's by its run and feature, a
// baseline's by dataset version and feature) and a pipeline node's windows by start time; drift
// windows by ION, feature and start (series, predictions during drift) and by pipeline node and
// start (drift in force at a prediction's time); one policy per ION.
CREATE CONSTRAINT signature_id IF NOT EXISTS FOR (n:Signature) REQUIRE n.id IS UNIQUE;
CREATE INDEX signature_node_window IF NOT EXISTS FOR (n:Signature) ON (n.pipelineNodeId, n.windowStart);
CREATE CONSTRAINT drift_window_id IF NOT EXISTS FOR (n:DriftWindow) REQUIRE n.id IS UNIQUE;
CREATE INDEX drift_window_ion_feature IF NOT EXISTS FOR (n:DriftWindow) ON (n.ionId, n.feature, n.from);
CREATE INDEX drift_window_node IF NOT EXISTS FOR (n:DriftWindow) ON (n.pipelineNodeId, n.from);
CREATE CONSTRAINT drift_policy_id IF NOT EXISTS FOR (n:DriftPolicy) REQUIRE n.id IS UNIQUE;
