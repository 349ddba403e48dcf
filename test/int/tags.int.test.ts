/**
 * Tags (taxonomies) on datasets, features, models, model versions, runs and IONs: stored once as
 * shared `(:Tag)` nodes, replays unchanged, bad tags refused naming the field, and found by the
 * search box (`key:value` or words) and the model and feature search filters. The SDK passes
 * them through unchanged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestBundle } from '@ion-lineage/contract';
import { LineageClient } from '@ion-lineage/sdk';
import { Role } from '../../server/src/auth/roles';
import { INGEST_BUNDLE } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';

const T0 = '2026-03-01T10:00:00Z';
const risk = { key: 'team', value: 'risk' };
const bundle: IngestBundle = {
  ions: [
    {
      id: 'ion-tags',
      name: 'Tagged ION',
      version: '1',
      tags: [{ key: 'domain', value: 'cardiology' }],
      definition: { nodes: [{ id: 'pn-tags-train', name: 'train', role: 'TRAINING' }], edges: [] },
    },
  ],
  datasets: [{ id: 'ds-tags', name: 'labs', classification: 'INTERNAL', tags: [risk, { key: 'source', value: 'lab system' }] }],
  datasetVersions: [{ id: 'dsv-tags', datasetId: 'ds-tags', version: '1', digest: 'd1', tags: [{ key: 'quality', value: 'checked' }] }],
  features: [{ id: 'f-tags-crp', name: 'crp_mg_l', dtype: 'float', classification: 'INTERNAL', derivedFromDatasetIds: ['ds-tags'], tags: [risk] }],
  models: [{ id: 'm-tags', name: 'sepsis score', tags: [risk] }],
  runs: [
    {
      id: 'run-tags',
      pipelineNodeId: 'pn-tags-train',
      kind: 'TRAINING',
      startedAt: T0,
      status: 'COMPLETED',
      readDatasetVersionIds: ['dsv-tags'],
      usedFeatureIds: ['f-tags-crp'],
      tags: [{ key: 'mlflow.source.type', value: 'NOTEBOOK' }],
    },
  ],
  modelVersions: [
    {
      id: 'mv-tags-1',
      modelId: 'm-tags',
      version: '1',
      algorithm: 'logreg',
      format: 'ONNX',
      status: 'CANDIDATE',
      producedByRunId: 'run-tags',
      tags: [{ key: 'stage', value: 'canary' }],
    },
    { id: 'mv-tags-2', modelId: 'm-tags', version: '2', algorithm: 'logreg', format: 'ONNX', status: 'CANDIDATE', producedByRunId: 'run-tags' },
  ],
};

const SEARCH_ALL = `query($text: String!) { searchAll(text: $text) { tagged { id kind tags { key value } } datasets { id tags { key value } } } }`;
const SEARCH_MODELS = `query($filter: ModelSearchFilter) { searchModels(filter: $filter) { totalCount edges { node { id tags { key value } } } } }`;
const SEARCH_FEATURES = `query($filter: FeatureSearchFilter) { searchFeatures(filter: $filter) { totalCount edges { node { id tags { key value } } } } }`;

describe('tags', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ wipe: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('stores each key/value pair once and links every tagged node to it; a replay is unchanged', async () => {
    const first = await server.gql(INGEST_BUNDLE, { bundle });
    expect(first.body.errors).toBeUndefined();
    const { records } = await server.graph.driver.executeQuery(
      `MATCH (t:Tag {id: 'tag:team=risk'})<-[:TAGGED]-(n) RETURN t.key AS key, t.value AS value, collect(n.id) AS ids`,
    );
    expect(records).toHaveLength(1);
    expect(records[0]!.get('key')).toBe('team');
    expect(records[0]!.get('value')).toBe('risk');
    expect((records[0]!.get('ids') as string[]).sort()).toEqual(['ds-tags', 'f-tags-crp', 'm-tags']);
    const tagged = await server.graph.driver.executeQuery(`MATCH (n)-[:TAGGED]->(:Tag) RETURN n.id AS id ORDER BY id`);
    expect(tagged.records.map((r) => r.get('id'))).toEqual(['ds-tags', 'ds-tags', 'dsv-tags', 'f-tags-crp', 'ion-tags', 'm-tags', 'mv-tags-1', 'run-tags']);

    const again = await server.gql<{ ingest: Record<string, { created: number; unchanged: number }> }>(INGEST_BUNDLE, { bundle });
    expect(again.body.data!.ingest.datasets).toEqual({ created: 0, unchanged: 1 });
    expect(again.body.data!.ingest.modelVersions).toEqual({ created: 0, unchanged: 2 });
    const count = await server.graph.driver.executeQuery(`MATCH (t:Tag) RETURN count(t) AS tags, COUNT { ()-[:TAGGED]->(:Tag) } AS edges`);
    expect(Number(count.records[0]!.get('tags'))).toBe(6);
    expect(Number(count.records[0]!.get('edges'))).toBe(8);
  });

  it('refuses bad tags with BAD_USER_INPUT naming the field', async () => {
    const tooMany = Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const cases: Array<[unknown, string]> = [
      [[{ key: 'a=b', value: 'x' }], 'datasets[0].tags[0].key'],
      [[{ key: '', value: 'x' }], 'datasets[0].tags[0].key'],
      [[{ key: 'k', value: 'x'.repeat(257) }], 'datasets[0].tags[0].value'],
      [tooMany, 'datasets[0].tags'],
      [[risk, risk], 'datasets[0].tags[1]'],
    ];
    for (const [tags, path] of cases) {
      const res = await server.gql(INGEST_BUNDLE, { bundle: { datasets: [{ id: 'ds-bad-tags', name: 'x', classification: 'INTERNAL', tags }] } });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.body.errors![0]!.extensions!.problems!.map((p) => p.path)).toContain(path);
    }
    // Predictions take no tags: the input type has no such field.
    const res = await server.gql(
      `mutation { ingestPrediction(item: {id: "p", runId: "r", requestId: "q", subjectKey: "s", at: "${T0}", output: "o", modelVersionIds: [], tags: [{key: "a", value: "b"}]}) { created } }`,
    );
    expect(res.body.errors?.[0]?.message).toMatch(/tags/);
  });

  it('searchAll finds nodes by key:value and by words of a value, with their tags', async () => {
    const exact = await server.gql<{ searchAll: { tagged: Array<{ id: string; kind: string; tags: unknown[] }> } }>(SEARCH_ALL, { text: 'team:risk' });
    expect(exact.body.errors).toBeUndefined();
    expect(exact.body.data!.searchAll.tagged.map((h) => `${h.kind}:${h.id}`).sort()).toEqual(['Dataset:ds-tags', 'Feature:f-tags-crp', 'Model:m-tags']);
    const words = await server.gql<{ searchAll: { tagged: Array<{ id: string }> } }>(SEARCH_ALL, { text: 'lab system' });
    expect(words.body.data!.searchAll.tagged.map((h) => h.id)).toContain('ds-tags');
    const byKey = await server.gql<{ searchAll: { tagged: Array<{ id: string; tags: unknown[] }> } }>(SEARCH_ALL, { text: 'mlflow.source.type=NOTEBOOK' });
    expect(byKey.body.data!.searchAll.tagged).toEqual([{ id: 'run-tags', kind: 'Run', tags: [{ key: 'mlflow.source.type', value: 'NOTEBOOK' }] }]);
    const name = await server.gql<{ searchAll: { datasets: Array<{ id: string; tags: Array<{ key: string; value: string }> }> } }>(SEARCH_ALL, {
      text: 'labs',
    });
    expect(name.body.data!.searchAll.datasets.find((d) => d.id === 'ds-tags')!.tags).toEqual(
      expect.arrayContaining([risk, { key: 'source', value: 'lab system' }]),
    );
  });

  it('filters model versions (own tags or their model) and features by tag', async () => {
    const byModel = await server.gql<{ searchModels: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(SEARCH_MODELS, {
      filter: { tags: [risk] },
    });
    expect(byModel.body.errors).toBeUndefined();
    expect(byModel.body.data!.searchModels.edges.map((e) => e.node.id).sort()).toEqual(['mv-tags-1', 'mv-tags-2']);
    const both = await server.gql<{ searchModels: { edges: Array<{ node: { id: string; tags: unknown[] } }> } }>(SEARCH_MODELS, {
      filter: { tags: [risk, { key: 'stage' }] },
    });
    expect(both.body.data!.searchModels.edges).toEqual([{ node: { id: 'mv-tags-1', tags: [{ key: 'stage', value: 'canary' }, risk] } }]);
    const withAlgorithm = await server.gql<{ searchModels: { totalCount: number } }>(SEARCH_MODELS, {
      filter: { algorithm: 'logreg', tags: [{ key: 'stage', value: 'prod' }] },
    });
    expect(withAlgorithm.body.data!.searchModels.totalCount).toBe(0);
    const features = await server.gql<{ searchFeatures: { edges: Array<{ node: { id: string; tags: unknown[] } }> } }>(SEARCH_FEATURES, {
      filter: { tags: [risk] },
    });
    expect(features.body.data!.searchFeatures.edges).toEqual([{ node: { id: 'f-tags-crp', tags: [risk] } }]);
    const tooMany = await server.gql(SEARCH_FEATURES, { filter: { tags: Array.from({ length: 11 }, () => risk) } });
    expect(tooMany.body.errors?.[0]?.extensions?.problems).toEqual([{ path: 'filter.tags', message: 'must hold at most 10 tags, got 11' }]);
  });

  it('the SDK sends tags through its typed calls', async () => {
    const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-sdk-tags-'));
    try {
      const client = new LineageClient({ url: `${server.url}/graphql`, token: await server.token(Role.INGEST), spoolDir, flushIntervalMs: 20 });
      client.recordModels([{ id: 'm-sdk-tags', name: 'sdk model', tags: [{ key: 'owner', value: 'ml-platform' }] }]);
      expect(await client.close({ timeoutMs: 30_000 })).toEqual({ remaining: 0 });
    } finally {
      fs.rmSync(spoolDir, { recursive: true, force: true });
    }
    const { records } = await server.graph.driver.executeQuery(`MATCH (m:Model {id: 'm-sdk-tags'})-[:TAGGED]->(t:Tag) RETURN t.id AS id, m.tags AS tags`);
    expect(records.map((r) => [r.get('id'), r.get('tags')])).toEqual([['tag:owner=ml-platform', ['owner=ml-platform']]]);
  });
});
