/**
 * Impact analysis (`impact(nodeId)`) on the demo scenario: everything downstream of a dataset
 * version, a dataset and a feature, checked against the scenario's bundles and ground truth,
 * with the affected predictions paged through completely under both paging plans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImpactService } from '../../server/src/impact/impact.service';
import type { ImpactView } from '../../server/src/impact/impact.types';
import { type ProvenanceFixture, dataOf, ensemblesContaining, loadProvenanceFixture, sorted } from '../support/provenance';

let fx: ProvenanceFixture;

beforeAll(async () => {
  fx = await loadProvenanceFixture({ readOnly: true });
});

afterAll(async () => {
  await fx?.server.close();
});

/** The expected impact of a root, computed from the bundles alone. */
function oracle(rootId: string) {
  const { all } = fx;
  const datasetOfVersion = new Map(all.datasetVersions.map((dv) => [dv.id, dv.datasetId]));
  const featuresOf = (datasetId: string) => new Set(all.features.filter((f) => f.derivedFromDatasetIds.includes(datasetId)).map((f) => f.id));
  const isDataset = all.datasets.some((d) => d.id === rootId);
  const derived = isDataset ? featuresOf(rootId) : new Set<string>();
  const runs = all.runs.filter((run) => {
    const reads = run.readDatasetVersionIds ?? [];
    const uses = run.usedFeatureIds ?? [];
    if (isDataset) return reads.some((dv) => datasetOfVersion.get(dv) === rootId) || uses.some((f) => derived.has(f));
    return reads.includes(rootId) || uses.includes(rootId);
  });
  const runIds = new Set(runs.map((run) => run.id));
  const direct = new Set(all.modelVersions.filter((mv) => mv.producedByRunId && runIds.has(mv.producedByRunId)).map((mv) => mv.id));
  const ensembles = [...ensemblesContaining(all, direct)].filter((id) => !direct.has(id));
  const affected = new Set([...direct, ...ensembles]);
  const predictions = all.predictions.filter((p) => p.modelVersionIds.some((id) => affected.has(id)));
  return {
    runIds: sorted(runIds),
    direct: sorted(direct),
    ensembles: sorted(ensembles),
    deployments: sorted(all.deployments.filter((d) => affected.has(d.modelVersionId)).map((d) => d.id)),
    predictionIds: sorted(predictions.map((p) => p.id)),
    usedLinks: all.predictions.reduce((sum, p) => sum + p.modelVersionIds.filter((id) => affected.has(id)).length, 0),
    newestFirst: [...predictions].sort((a, b) => b.at.localeCompare(a.at) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0)).map((p) => p.id),
  };
}

/** Pages through every affected prediction with `service`, checking page links. */
async function allPredictions(service: ImpactService, rootId: string, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const view = await service.impact(rootId, first, after);
    expect(view.predictions.edges.length).toBeLessThanOrEqual(first);
    ids.push(...view.predictions.edges.map((edge) => edge.node.id));
    if (!view.predictions.pageInfo.hasNextPage) break;
    after = view.predictions.pageInfo.endCursor;
  }
  return ids;
}

function checkAgainstOracle(view: ImpactView, expected: ReturnType<typeof oracle>) {
  expect(view.runCount).toBe(expected.runIds.length);
  expect(sorted(view.runs.map((run) => run.id))).toEqual(expected.runIds);
  expect(sorted(view.modelVersions.filter((mv) => mv.via === 'TRAINED').map((mv) => mv.id))).toEqual(expected.direct);
  expect(sorted(view.modelVersions.filter((mv) => mv.via === 'ENSEMBLE').map((mv) => mv.id))).toEqual(expected.ensembles);
  expect(sorted(view.deployments.map((d) => d.id))).toEqual(expected.deployments);
  expect(view.predictionCount).toBe(expected.usedLinks);
  expect(view.truncated).toBe(false);
}

describe('impact(nodeId)', () => {
  it('of a dataset version: exactly the predictions whose served model was trained on it (ground truth)', async () => {
    const { truth } = fx.scenario;
    const sample = truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const dv = sample.datasetVersionIds.find((id) => !id.startsWith('dsv-ct-outcomes'))!;
    expect(dv).toBeDefined();
    const service = fx.server.graph.services.impact;
    const view = await service.impact(dv, 50);
    const expected = oracle(dv);
    checkAgainstOracle(view, expected);
    expect(view.rootKind).toBe('DATASET_VERSION');
    expect(expected.predictionIds.length).toBeGreaterThan(0);
    expect(view.ions.map((ion) => ion.id)).toEqual([fx.all.ions[0]!.id]);
    expect(view.pipelineNodes.some((node) => node.serves)).toBe(true);

    const paged = await allPredictions(service, dv, 97);
    expect(paged).toEqual(expected.newestFirst);
    // The scenario's own truth, per primary prediction: its recorded models' lineage read `dv`.
    const primaries = new Set(paged.filter((id) => !id.endsWith('-ctl')));
    const truthIds = new Set<string>();
    for (let i = 0; i < truth.requests; i++) {
      const t = truth.truthForPrediction(i);
      if (t.datasetVersionIds.includes(dv)) truthIds.add(t.predictionId);
    }
    expect(sorted(primaries)).toEqual(sorted(truthIds));
  });

  it('pages identically with the index-ordered plan (used when affected predictions are many), sparse or dense', async () => {
    const sample = fx.scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;
    const dv = sample.datasetVersionIds.find((id) => !id.startsWith('dsv-ct-outcomes'))!;
    const byTime = new ImpactService(fx.server.graph.services.executor, 0);
    const sparse = oracle(dv);
    // Under half of all predictions: the walk starts at the newest affected one.
    expect(sparse.predictionIds.length).toBeLessThan(fx.all.predictions.length / 2);
    expect(await allPredictions(byTime, dv, 89)).toEqual(sparse.newestFirst);
    const dense = oracle('ds-ct-outcomes');
    expect(dense.predictionIds.length).toBeGreaterThanOrEqual(fx.all.predictions.length / 2);
    expect(await allPredictions(byTime, 'ds-ct-outcomes', 301)).toEqual(dense.newestFirst);
  });

  it('of a dataset: reads of any version and uses of features derived from it', async () => {
    const datasetId = 'ds-imaging-protocols';
    const view = await fx.server.graph.services.impact.impact(datasetId, 10);
    const expected = oracle(datasetId);
    checkAgainstOracle(view, expected);
    expect(view.rootKind).toBe('DATASET');
    expect(view.runs.some((run) => run.via.includes('USED_FEATURE'))).toBe(true);
  });

  it('of a feature, over GraphQL, with cursor pages of prediction ids', async () => {
    const featureId = 'ft-xray-opacity-score';
    const query = /* GraphQL */ `
      query Impact($id: String!, $after: String) {
        impact(nodeId: $id, first: 250, after: $after) {
          rootKind
          runCount
          modelVersionCount
          predictionCount
          truncated
          modelVersions {
            id
            via
            predictionCount
          }
          deployments {
            id
            modelVersionId
            pipelineNodeId
          }
          pipelineNodes {
            id
            role
            trains
            serves
          }
          ions {
            id
            name
          }
          predictions {
            pageInfo {
              hasNextPage
              endCursor
            }
            edges {
              cursor
              node {
                id
                at
                subjectKey
              }
            }
          }
        }
      }
    `;
    const expected = oracle(featureId);
    const ids: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const { impact }: { impact: ImpactView } = dataOf(await fx.server.gql<{ impact: ImpactView }>(query, { id: featureId, after }));
      expect(impact.rootKind).toBe('FEATURE');
      expect(impact.predictionCount).toBe(expected.usedLinks);
      ids.push(...impact.predictions.edges.map((edge) => edge.node.id));
      if (!impact.predictions.pageInfo.hasNextPage) break;
      after = impact.predictions.pageInfo.endCursor;
    }
    expect(ids).toEqual(expected.newestFirst);
  });

  it('answers NOT_FOUND for an id that is not a dataset, dataset version or feature', async () => {
    const response = await fx.server.gql(`{ impact(nodeId: "mv-ct-ensemble-v1") { predictionCount } }`);
    expect(response.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
