/**
 * Seconds each slow database or browser file takes on one of two workers, import, tests and hooks
 * included (a fresh-clone run of `.ci/run` on a quiet 2-core machine, from its
 * `test-artifacts/file-timings.json`). The sequencer starts the longest first so the workers end
 * together; a fresh clone has no vitest results cache to go by. Files not listed count as
 * `DEFAULT_SECONDS`. Refresh the table when files get much slower or faster:
 * `npx tsx test/setup/refresh-durations.ts test-artifacts/file-timings.json`.
 */
export const DEFAULT_SECONDS = 3;

export const FILE_SECONDS: Readonly<Record<string, number>> = {
  'test/fault/neo4j-outage.int.test.ts': 59,
  'test/e2e/ui.test.ts': 52,
  'test/int/fuzz-graphql.int.test.ts': 43,
  'test/int/mlflow-bridge.int.test.ts': 36,
  'test/fault/pipeline-kill.int.test.ts': 35,
  'test/int/lineage-round-trips.int.test.ts': 29,
  'test/int/lineage.int.test.ts': 23,
  'test/int/bulk-import.int.test.ts': 22,
  'test/int/local-neo4j.int.test.ts': 19,
  'test/int/python-client.int.test.ts': 17,
  'test/int/registry.int.test.ts': 14,
  'test/fault/server-restart.int.test.ts': 13,
  'test/int/fuzz-openlineage.int.test.ts': 11,
  'test/int/drift.int.test.ts': 9,
  'test/int/ingest-api.int.test.ts': 9,
  'test/int/search.int.test.ts': 9,
  'test/e2e/monitoring.test.ts': 8,
  'test/e2e/replay.test.ts': 8,
  'test/int/webhooks.int.test.ts': 8,
  'test/security/audit-chain.int.test.ts': 7,
  'test/int/export.int.test.ts': 6,
  'test/int/impact.int.test.ts': 6,
  'test/int/audit-log.int.test.ts': 5,
  'test/int/compliance.int.test.ts': 5,
  'test/int/injection.int.test.ts': 5,
  'test/int/maintained-state.int.test.ts': 5,
  'test/int/openlineage-facets-interop.int.test.ts': 5,
  'test/int/openlineage.int.test.ts': 5,
  'test/int/ops-shutdown.int.test.ts': 5,
  'test/int/why.int.test.ts': 5,
  'test/int/auth-table.int.test.ts': 4,
  'test/int/replay.int.test.ts': 4,
  'test/security/drift-small-windows.int.test.ts': 4,
  'test/security/timeout.int.test.ts': 4,
};
