// Schema 7: raw OpenLineage events, keyed by the SHA-256 of their canonical JSON (replays are
// found by one index seek), found by run, and read back in event-time order to rebuild the graph.
CREATE CONSTRAINT openlineage_event_id IF NOT EXISTS FOR (n:OpenLineageEvent) REQUIRE n.id IS UNIQUE;
CREATE INDEX openlineage_event_run IF NOT EXISTS FOR (n:OpenLineageEvent) ON (n.runId);
CREATE INDEX openlineage_event_time IF NOT EXISTS FOR (n:OpenLineageEvent) ON (n.eventTime);
