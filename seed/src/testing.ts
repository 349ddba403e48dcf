/**
 * Helpers for the seed's own tests: gather a small scenario's bundles and flatten them. Not
 * for production use: it holds every prediction in memory.
 */
import { createHash } from 'node:crypto';
import type { IngestBundle } from '@ion-lineage/contract';
import { BUNDLE_ORDER } from '@ion-lineage/contract';
import type { DemoScenario, FullBundle } from './scenario/types';

/** Every bundle in load order (base first) and all their items flattened per part. */
export interface Collected {
  bundles: IngestBundle[];
  all: FullBundle;
}

/** Collects a scenario fully; use small prediction counts only. */
export function collect(scenario: DemoScenario): Collected {
  const bundles: IngestBundle[] = [scenario.base, ...scenario.predictionBatches()];
  const all = Object.fromEntries(BUNDLE_ORDER.map((part) => [part, bundles.flatMap((b) => (b[part] ?? []) as unknown[])])) as FullBundle;
  return { bundles, all };
}

/** SHA-256 of the JSON of the base and the first `batches` batches. */
export function scenarioHash(scenario: DemoScenario, batches: number): string {
  const hash = createHash('sha256').update(JSON.stringify(scenario.base));
  let n = 0;
  for (const batch of scenario.predictionBatches()) {
    if (n++ >= batches) break;
    hash.update(JSON.stringify(batch));
  }
  return hash.digest('hex');
}
