/**
 * The demo scenario for the provenance reads' integration tests (governance, search, impact,
 * ION views): wiped graph, schema applied, a small scenario loaded through the real ingest
 * path, the real HTTP app on top, and every item of the scenario in memory as the oracle.
 */
import { generateScenario } from '../../seed/src/scenario';
import { loadScenario } from '../../seed/src/load';
import type { DemoScenario, FullBundle } from '../../seed/src/scenario/types';
import { collect } from '../../seed/src/testing';
import { wipeGraph } from './neo4j';
import { useSharedGraph } from './shared-graph';
import { startTestServer, type TestServer } from './server';

/** Small enough to load in well under a minute, large enough for every planted finding. */
export const PROVENANCE_PREDICTIONS = 1_000;
export const PROVENANCE_SEED = 7;

export interface ProvenanceFixture {
  server: TestServer;
  scenario: DemoScenario;
  /** Every item of the scenario, base and prediction batches, flattened per part. */
  all: FullBundle;
}

/**
 * Starts the app and loads the scenario on a wiped graph; close `server` in `afterAll`. With
 * `readOnly` (the file only reads the graph) it may get the worker's already loaded copy, and
 * fails if it changes it (test/support/shared-graph.ts).
 */
export async function loadProvenanceFixture(options: { readOnly?: boolean } = {}): Promise<ProvenanceFixture> {
  const server = await startTestServer();
  const scenario = generateScenario({ seed: PROVENANCE_SEED, predictions: PROVENANCE_PREDICTIONS });
  const load = async () => {
    await loadScenario(server.graph.services.ingest, scenario);
  };
  if (options.readOnly) {
    await useSharedGraph(server.graph.driver, `provenance seed ${PROVENANCE_SEED}, ${PROVENANCE_PREDICTIONS} predictions`, load);
  } else {
    await wipeGraph(server.graph.driver);
    await load();
  }
  return { server, scenario, all: collect(scenario).all };
}

/** Throws with the GraphQL errors when a response has any; returns its data. */
export function dataOf<T>(response: { body: { data?: T | null; errors?: unknown[] } }): T {
  if (response.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(response.body.errors, null, 1)}`);
  return response.body.data as T;
}

/** Sorted copy, for order-insensitive comparisons. */
export function sorted(values: Iterable<string>): string[] {
  return [...values].sort();
}

/** The model versions each model version is (transitively) a member of, from the bundle. */
export function ensemblesContaining(all: FullBundle, ids: Iterable<string>): Set<string> {
  const found = new Set<string>();
  let frontier = new Set(ids);
  for (let depth = 0; depth < 3 && frontier.size > 0; depth++) {
    const next = new Set<string>();
    for (const mv of all.modelVersions) {
      if ((mv.members ?? []).some((member) => frontier.has(member.modelVersionId)) && !found.has(mv.id)) {
        found.add(mv.id);
        next.add(mv.id);
      }
    }
    frontier = next;
  }
  return found;
}
