/**
 * The demo scenario loaded into the (wiped) test database through the real ingest service, for
 * integration tests that check query answers against the generator's ground truth.
 */
import { expect } from 'vitest';
import { type ErrorCode, LineageError } from '../../server/src/errors';
import { loadScenario } from '../../seed/src/load';
import { generateScenario } from '../../seed/src/scenario';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { applyTestSchema, connectTestGraph, type TestGraph, wipeGraph } from './neo4j';
import { useSharedGraph } from './shared-graph';

export interface DemoGraphOptions {
  seed: number;
  predictions: number;
  /**
   * The file only reads the graph (or removes what it adds before it ends): it may get the
   * worker's already loaded copy, and fails if it leaves it changed (test/support/shared-graph.ts).
   * Files that write load a graph of their own.
   */
  readOnly?: boolean;
}

/** Connects to the worker's database and makes it hold the demo scenario of `seed` (schema applied). */
export async function loadDemoGraph(options: DemoGraphOptions): Promise<{ graph: TestGraph; scenario: DemoScenario }> {
  const { seed, predictions } = options;
  const graph = await connectTestGraph();
  const scenario = generateScenario({ seed, predictions });
  const load = async () => {
    await loadScenario(graph.services.ingest, scenario);
  };
  if (options.readOnly) {
    // The fingerprint does not cover the schema: put back anything a file before may have dropped.
    await applyTestSchema(graph);
    await useSharedGraph(graph.driver, demoGraphKey(seed, predictions), load);
  } else {
    await wipeGraph(graph.driver);
    await applyTestSchema(graph);
    await load();
  }
  return { graph, scenario };
}

/** The shared-graph key of a demo scenario (test/support/shared-graph.ts). */
export function demoGraphKey(seed: number, predictions: number): string {
  return `demo seed ${seed}, ${predictions} predictions`;
}

/** Awaits `promise` and checks it failed with the service's error of this code. */
export async function expectErrorCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LineageError);
  expect((error as LineageError).code).toBe(code);
}
