import type { Executor, QueryRunner } from '../store/executor';

/**
 * Layout of the maintained counters (cypher/ingest/prediction-counts). Bump it when the layout
 * changes: start-up then rebuilds the counters of databases built with the old one.
 */
export const COUNTERS_VERSION = 1;

/** What a rebuild did, for logs and the CLI. */
export interface RebuildResult {
  version: number;
  seconds: number;
}

/** The counters' recorded state (maintained/state). */
export interface MaintainedStateRow {
  version: number | null;
  builtAt: string | null;
  hasPredictions: boolean;
}

/**
 * Recomputes every maintained counter (UseCount, UnversionedCount) from the stored predictions
 * and records the layout version. Idempotent: clearing first and writing each counter with MERGE
 * and SET, it leaves the same state however often it runs. Each step commits in batches
 * (`CALL … IN TRANSACTIONS`), so it works at any history size.
 *
 * Call it on a database that gained predictions without going through ingest (a bulk
 * `neo4j-admin database import`, a restore from before schema 14) and with no ingest running:
 * predictions written while it runs may be counted twice or not at all.
 */
export async function rebuildMaintainedState(executor: Executor): Promise<RebuildResult> {
  const started = performance.now();
  await executor.runInBatches('maintained/clear-counts');
  await executor.runInBatches('maintained/rebuild-use-counts');
  await executor.runInBatches('maintained/rebuild-unversioned-counts');
  await executor.run('maintained/mark-built', { version: COUNTERS_VERSION });
  return { version: COUNTERS_VERSION, seconds: (performance.now() - started) / 1000 };
}

/** The recorded state of the counters. */
export async function maintainedState(runner: QueryRunner): Promise<MaintainedStateRow> {
  const [row] = await runner.run<{ version: number | null; builtAt: string | null; hasPredictions: boolean }>('maintained/state');
  return { version: row?.version ?? null, builtAt: row?.builtAt ?? null, hasPredictions: row?.hasPredictions ?? false };
}

/**
 * Run at start-up, after the schema: an empty graph is marked current (ingest counts from the
 * first prediction); a graph with predictions but counters of no or another layout (upgraded
 * from before schema 14, or bulk-imported) is rebuilt once. Returns what it did.
 */
export async function ensureMaintainedState(executor: Executor): Promise<'current' | 'marked' | RebuildResult> {
  const state = await maintainedState(executor);
  if (state.version === COUNTERS_VERSION) return 'current';
  if (!state.hasPredictions) {
    await executor.run('maintained/mark-built', { version: COUNTERS_VERSION });
    return 'marked';
  }
  return rebuildMaintainedState(executor);
}
