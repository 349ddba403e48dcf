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

export async function loadDemoGraph(options: { seed: number; predictions: number }): Promise<{ graph: TestGraph; scenario: DemoScenario }> {
  const graph = await connectTestGraph();
  await wipeGraph(graph.driver);
  await applyTestSchema(graph);
  const scenario = generateScenario(options);
  await loadScenario(graph.services.ingest, scenario);
  return { graph, scenario };
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
