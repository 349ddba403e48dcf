import { describe, expect, it } from 'vitest';
import type { IngestBundle } from '@ion-lineage/contract';
import * as schemas from '@ion-lineage/contract/schemas';
import { checkIonDefinition } from '../../server/src/ion/ion-definition';
import { generateScenario } from './scenario';
import { collect } from './testing';

/**
 * The ingest service validates every item with these schemas; the seed must pass them as is.
 * Checks every item of a small scenario (base and all batches).
 */
const SCHEMA: Record<keyof IngestBundle, { safeParse(value: unknown): { success: boolean; error?: unknown } }> = {
  principals: schemas.principalSchema,
  ions: schemas.ionSchema,
  ionInstances: schemas.ionInstanceSchema,
  datasets: schemas.datasetSchema,
  datasetVersions: schemas.datasetVersionSchema,
  features: schemas.featureSchema,
  models: schemas.modelSchema,
  runs: schemas.runSchema,
  stages: schemas.stageSchema,
  modelVersions: schemas.modelVersionSchema,
  approvals: schemas.approvalSchema,
  deployments: schemas.deploymentSchema,
  modelLoads: schemas.modelLoadSchema,
  predictions: schemas.predictionSchema,
  events: schemas.eventSchema,
};

describe('ingest contract', () => {
  const { bundles } = collect(generateScenario({ seed: 11, predictions: 2_000, predictionBatchSize: 1_000 }));

  it('passes the ingest schemas item by item', () => {
    const problems: string[] = [];
    for (const bundle of bundles) {
      for (const [part, items] of Object.entries(bundle) as Array<[keyof IngestBundle, unknown[]]>) {
        items.forEach((item, i) => {
          const result = SCHEMA[part].safeParse(item);
          if (!result.success) problems.push(`${part}[${i}]: ${JSON.stringify(result.error)}`);
        });
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('has a valid ION definition with the policy the compliance checks read', () => {
    const ion = bundles[0]!.ions![0]!;
    expect(checkIonDefinition(ion.definition)).toEqual([]);
    expect(ion.definition.policy).toEqual({ metric: 'auc', minimum: 0.8, requiresApproval: true });
    const roles = ion.definition.nodes.map((n) => n.role);
    for (const role of ['TRAINING', 'POLICY', 'INFERENCE', 'CONTROL', 'ETL', 'MONITOR']) expect(roles).toContain(role);
  });
});
