/**
 * Reuse search (`searchModels`, `searchFeatures`) and the search box (`searchAll`) on the demo
 * scenario, against answers computed from the scenario's own bundles.
 */
import { Role } from '../../server/src/auth/roles';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersionInput } from '@ion-lineage/contract';
import type { ModelSearchFilter } from '../../server/src/search/search.types';
import { type ProvenanceFixture, dataOf, loadProvenanceFixture, sorted } from '../support/provenance';

let fx: ProvenanceFixture;

beforeAll(async () => {
  fx = await loadProvenanceFixture({ readOnly: true });
});

afterAll(async () => {
  await fx?.server.close();
});

const SEARCH_MODELS = /* GraphQL */ `
  query Search($filter: ModelSearchFilter, $first: Int, $after: String) {
    searchModels(filter: $filter, first: $first, after: $after) {
      totalCount
      totalCountCapped
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          status
          algorithm
          framework
          metrics
          createdAt
          trainingRunId
          model {
            id
            name
          }
          predictionCount
        }
      }
    }
  }
`;

interface ModelPage {
  searchModels: {
    totalCount: number;
    totalCountCapped: boolean;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      cursor: string;
      node: { id: string; status: string; createdAt: string; metrics: Record<string, number> | null; predictionCount: number; trainingRunId: string | null };
    }>;
  };
}

/** Every page of a model search over GraphQL, in order. */
async function allModelPages(filter: ModelSearchFilter, first = 7) {
  const nodes: ModelPage['searchModels']['edges'][number]['node'][] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let guard = 0; guard < 100; guard++) {
    const page: ModelPage['searchModels'] = dataOf(await fx.server.gql<ModelPage>(SEARCH_MODELS, { filter, first, after })).searchModels;
    totalCount = page.totalCount;
    expect(page.totalCountCapped).toBe(false);
    nodes.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(nodes.length).toBe(totalCount);
  return nodes;
}

/** The versions whose producing run matches `runTest`, and the rest of the filter, from the bundles. */
function expectedVersions(runTest: (runId: string) => boolean, extra: (mv: ModelVersionInput) => boolean = () => true): string[] {
  return sorted(fx.all.modelVersions.filter((mv) => mv.producedByRunId !== undefined && runTest(mv.producedByRunId) && extra(mv)).map((mv) => mv.id));
}

describe('searchModels', () => {
  it('finds exactly the versions whose training runs used a feature, newest first across pages', async () => {
    const featureId = 'ft-lab-crp';
    const runs = new Map(fx.all.runs.map((run) => [run.id, run]));
    const found = await allModelPages({ featureId });
    const expected = expectedVersions((runId) => runs.get(runId)?.usedFeatureIds?.includes(featureId) ?? false);
    expect(expected.length).toBeGreaterThan(3);
    expect(sorted(found.map((mv) => mv.id))).toEqual(expected);
    const keys = found.map((mv) => `${mv.createdAt}|${mv.id}`);
    expect(keys).toEqual([...keys].sort().reverse());
  });

  it('combines dataset, metric threshold and status filters', async () => {
    const datasetId = 'ds-xray-images';
    const runs = new Map(fx.all.runs.map((run) => [run.id, run]));
    const readsDataset = (runId: string) => (runs.get(runId)?.readDatasetVersionIds ?? []).some((dv) => dv.startsWith('dsv-xray-images-'));
    const datasetOf = new Map(fx.all.datasetVersions.map((dv) => [dv.id, dv.datasetId]));
    expect([...datasetOf.entries()].filter(([id]) => id.startsWith('dsv-xray-images-')).every(([, ds]) => ds === datasetId)).toBe(true);
    const found = await allModelPages({ datasetId, status: 'APPROVED', metrics: [{ name: 'auc', min: 0.84 }] }, 5);
    const expected = expectedVersions(
      readsDataset,
      (mv) => mv.status === 'APPROVED' && typeof mv.metrics?.auc === 'number' && (mv.metrics.auc as number) >= 0.84,
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(found.map((mv) => mv.id))).toEqual(expected);
    expect(found.every((mv) => (mv.metrics?.auc ?? 0) >= 0.84)).toBe(true);
  });

  it('filters by dataset version', async () => {
    const dv = fx.all.runs.find((run) => run.readDatasetVersionIds?.length && fx.all.modelVersions.some((mv) => mv.producedByRunId === run.id))!
      .readDatasetVersionIds![0]!;
    const runs = new Map(fx.all.runs.map((run) => [run.id, run]));
    const found = await allModelPages({ datasetVersionId: dv });
    expect(sorted(found.map((mv) => mv.id))).toEqual(expectedVersions((runId) => runs.get(runId)?.readDatasetVersionIds?.includes(dv) ?? false));
  });

  it('lists versions approved for an ION: the latest decision for it is an approval', async () => {
    const ionId = fx.all.ions[0]!.id;
    const latest = new Map<string, string>();
    for (const a of [...fx.all.approvals].filter((a) => a.ionId === ionId).sort((x, y) => x.at.localeCompare(y.at) || x.id.localeCompare(y.id)))
      latest.set(a.modelVersionId, a.decision);
    const expected = sorted([...latest].filter(([, decision]) => decision === 'APPROVED').map(([id]) => id));
    const found = await allModelPages({ approvedForIonId: ionId }, 50);
    expect(sorted(found.map((mv) => mv.id))).toEqual(expected);
    expect(found.map((mv) => mv.id)).not.toContain(fx.scenario.truth.rollback.replacedModelVersionId);
  });

  it('searches text (fulltext) and framework, and counts predictions per version with one batched query', async () => {
    const found = await allModelPages({ text: 'xgboost', framework: 'XGBOOST' }, 50);
    const expected = sorted(fx.all.modelVersions.filter((mv) => mv.modelId === 'mdl-labs-xgboost').map((mv) => mv.id));
    expect(sorted(found.map((mv) => mv.id))).toEqual(expected);
    const everything = await allModelPages({}, 200);
    expect(everything.length).toBe(fx.all.modelVersions.length);
    for (const mv of everything) {
      expect(mv.predictionCount, mv.id).toBe(fx.all.predictions.filter((p) => p.modelVersionIds.includes(mv.id)).length);
    }
  });

  it('rejects a forged cursor and an impossible metric range as BAD_USER_INPUT', async () => {
    const forged = await fx.server.gql(SEARCH_MODELS, { filter: {}, first: 5, after: 'bm9wZQ' });
    expect(forged.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const range = await fx.server.gql(SEARCH_MODELS, { filter: { metrics: [{ name: 'auc', min: 0.9, max: 0.1 }] } });
    expect(range.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

const SEARCH_FEATURES = /* GraphQL */ `
  query Features($filter: FeatureSearchFilter, $first: Int, $after: String) {
    searchFeatures(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          classification
          datasets {
            id
            name
            classification
          }
          modelVersionCount
        }
      }
    }
  }
`;

interface FeaturePage {
  searchFeatures: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; name: string; classification: string; datasets: Array<{ id: string }>; modelVersionCount: number } }>;
  };
}

describe('searchFeatures', () => {
  it('lists the features of a dataset with their datasets and how many model versions use them', async () => {
    const datasetId = 'ds-lab-results';
    const nodes: FeaturePage['searchFeatures']['edges'][number]['node'][] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const page: FeaturePage['searchFeatures'] = dataOf(
        await fx.server.gql<FeaturePage>(SEARCH_FEATURES, { filter: { datasetId }, first: 2, after }),
      ).searchFeatures;
      nodes.push(...page.edges.map((edge) => edge.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const expected = fx.all.features.filter((f) => f.derivedFromDatasetIds.includes(datasetId));
    expect(nodes.map((f) => f.id)).toEqual([...expected].sort((a, b) => a.name.localeCompare(b.name)).map((f) => f.id));
    for (const node of nodes) {
      const feature = expected.find((f) => f.id === node.id)!;
      expect(sorted(node.datasets.map((d) => d.id))).toEqual(sorted(feature.derivedFromDatasetIds));
      const runs = new Set(fx.all.runs.filter((run) => run.usedFeatureIds?.includes(feature.id)).map((run) => run.id));
      expect(node.modelVersionCount, node.id).toBe(fx.all.modelVersions.filter((mv) => mv.producedByRunId && runs.has(mv.producedByRunId)).length);
    }
  });

  it('filters by classification and text', async () => {
    const pii = dataOf(await fx.server.gql<FeaturePage>(SEARCH_FEATURES, { filter: { classification: 'PII' }, first: 50 })).searchFeatures;
    expect(sorted(pii.edges.map((e) => e.node.id))).toEqual(sorted(fx.all.features.filter((f) => f.classification === 'PII').map((f) => f.id)));
    const text = dataOf(await fx.server.gql<FeaturePage>(SEARCH_FEATURES, { filter: { text: 'xray' }, first: 50 })).searchFeatures;
    expect(sorted(text.edges.map((e) => e.node.id))).toEqual(sorted(fx.all.features.filter((f) => f.name.startsWith('xray')).map((f) => f.id)));
  });
});

const SEARCH_ALL = /* GraphQL */ `
  query All($text: String!) {
    searchAll(text: $text, first: 5) {
      exact {
        id
        kind
        name
      }
      subjectPredictions {
        id
        subjectKey
        at
      }
      models {
        id
        name
        score
      }
      modelVersions {
        id
      }
      datasets {
        id
      }
      features {
        id
      }
      ions {
        id
      }
      pipelineNodes {
        id
      }
      principals {
        id
        name
      }
    }
  }
`;

interface AllResults {
  searchAll: {
    exact: Array<{ id: string; kind: string }>;
    subjectPredictions: Array<{ id: string; subjectKey: string; at: string }>;
    models: Array<{ id: string; score: number }>;
    modelVersions: Array<{ id: string }>;
    datasets: Array<{ id: string }>;
    features: Array<{ id: string }>;
    ions: Array<{ id: string }>;
    pipelineNodes: Array<{ id: string }>;
    principals: Array<{ id: string; name: string }>;
  };
}

describe('searchAll: the search box', () => {
  it('groups fulltext hits by kind', async () => {
    const { searchAll } = dataOf(await fx.server.gql<AllResults>(SEARCH_ALL, { text: 'xgboost' }));
    expect(searchAll.models[0]?.id).toBe('mdl-labs-xgboost');
    expect(searchAll.modelVersions.length).toBe(5);
    const people = dataOf(await fx.server.gql<AllResults>(SEARCH_ALL, { text: 'Moreno' })).searchAll;
    expect(people.principals.map((p) => p.id)).toEqual(['prn-alice-moreno']);
    const ion = dataOf(await fx.server.gql<AllResults>(SEARCH_ALL, { text: 'ct-triage' })).searchAll;
    expect(ion.ions.map((i) => i.id)).toContain(fx.all.ions[0]!.id);
  });

  it('finds a prediction by id and by request id', async () => {
    const prediction = fx.all.predictions[10]!;
    const byId = dataOf(await fx.server.gql<AllResults>(SEARCH_ALL, { text: prediction.id })).searchAll;
    expect(byId.exact).toContainEqual(expect.objectContaining({ id: prediction.id, kind: 'Prediction' }));
    const byRequest = dataOf(await fx.server.gql<AllResults>(SEARCH_ALL, { text: prediction.requestId })).searchAll;
    expect(sorted(byRequest.exact.map((hit) => hit.id))).toEqual(
      sorted(fx.all.predictions.filter((p) => p.requestId === prediction.requestId).map((p) => p.id)),
    );
  });

  it('lists the latest predictions of a subject key', async () => {
    const subject = fx.scenario.truth.samples.find((s) => s.label === 'repeat-subject')!.expected.subjectKey;
    // Subject keys are searched for cleared callers only (see test/security for the others).
    const { searchAll } = dataOf(await fx.server.gql<AllResults>(SEARCH_ALL, { text: subject }, { as: Role.INVESTIGATOR }));
    const expected = fx.all.predictions
      .filter((p) => p.subjectKey === subject)
      .sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id))
      .slice(0, 5);
    expect(searchAll.subjectPredictions.map((p) => p.id)).toEqual(expected.map((p) => p.id));
  });

  it('searches user text literally (Lucene syntax is escaped)', async () => {
    const response = await fx.server.gql<AllResults>(SEARCH_ALL, { text: 'AND OR ( ] "unterminated' });
    expect(response.body.errors).toBeUndefined();
  });
});
