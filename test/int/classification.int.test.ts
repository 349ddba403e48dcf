/**
 * Classification along lineage and masking per role, over GraphQL on a small chain: a PHI
 * training set (EHR) behind an ensemble and its members, a model trained on PUBLIC data only,
 * and a prediction that recorded no model (unknown level, masked: fail closed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { MASK_PREFIX } from '../../server/src/classification/masking';
import type { IngestBundle } from '@ion-lineage/contract';
import { chainBundle, chainIds } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';

const P = 'cls';
const ids = chainIds(P);
const pub = {
  dataset: `${P}.dataset.weather`,
  dsv: `${P}.dsv.weather.v1`,
  run: `${P}.run.train.public`,
  model: `${P}.model.public`,
  mv: `${P}.mv.public.1`,
  prediction: `${P}.prediction.public.1`,
  orphan: `${P}.prediction.orphan.1`,
};
let server: TestServer;

function extra(): IngestBundle {
  return {
    datasets: [{ id: pub.dataset, name: 'Weather', classification: 'PUBLIC' }],
    datasetVersions: [{ id: pub.dsv, datasetId: pub.dataset, version: '2026', digest: 'sha256:ddd' }],
    runs: [
      {
        id: pub.run,
        pipelineNodeId: ids.nodes.training,
        kind: 'TRAINING',
        startedAt: '2026-03-01T05:00:00Z',
        status: 'COMPLETED',
        readDatasetVersionIds: [pub.dsv],
      },
    ],
    models: [{ id: pub.model, name: 'weather-baseline' }],
    modelVersions: [{ id: pub.mv, modelId: pub.model, version: '1', algorithm: 'linear', format: 'ONNX', status: 'APPROVED', producedByRunId: pub.run }],
    predictions: [
      {
        id: pub.prediction,
        runId: ids.runs.inference,
        requestId: `${P}.req.public`,
        subjectKey: 'citizen-7',
        at: '2026-03-02T09:20:00Z',
        inputs: { rain_mm: 3 },
        output: 'NO_SCAN',
        modelVersionIds: [pub.mv],
      },
      {
        id: pub.orphan,
        runId: ids.runs.inference,
        requestId: `${P}.req.orphan`,
        subjectKey: 'patient-99',
        at: '2026-03-02T09:25:00Z',
        inputs: { age: 50 },
        output: 'CT_SCAN',
        modelVersionIds: [],
      },
    ],
  };
}

type Classification = {
  level: string | null;
  restricted: boolean;
  reason: string;
  sourceCount: number;
  sources: Array<{ id: string; level: string; pathKind: string; path: string[] }>;
};
const CLASSIFICATION = `query($id: String!) { classification(nodeId: $id) { level restricted reason sourceCount sources { id level pathKind path } } }`;

async function classify(id: string): Promise<Classification> {
  const { body } = await server.gql<{ classification: Classification }>(CLASSIFICATION, { id }, { as: Role.SCIENTIST });
  expect(body.errors).toBeUndefined();
  return body.data!.classification;
}

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  await server.graph.services.ingest.ingestBundle(chainBundle(P));
  await server.graph.services.ingest.ingestBundle(extra());
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('classification propagates along lineage', () => {
  it('a model version takes the strictest level of its training data, with the path', async () => {
    const c = await classify(ids.modelVersions.gbm);
    expect(c.level).toBe('PHI');
    expect(c.restricted).toBe(true);
    expect(c.sources).toContainEqual({
      id: ids.datasets.ehr,
      level: 'PHI',
      pathKind: 'TRAINING_DATA',
      path: [ids.modelVersions.gbm, ids.runs.training, ids.datasetVersions.ehr, ids.datasets.ehr],
    });
    expect(c.sources.some((s) => s.id === ids.datasets.census && s.level === 'PUBLIC')).toBe(true);
    expect(c.sources[0]!.level).toBe('PHI');
    expect(c.reason).toMatch(/^PHI/);
  });

  it('an ensemble also through its members', async () => {
    const c = await classify(ids.modelVersions.ensemble);
    expect(c.level).toBe('PHI');
    const member = c.sources.find((s) => s.pathKind === 'ENSEMBLE_MEMBER/TRAINING_DATA' && s.id === ids.datasets.ehr);
    expect(member?.path).toEqual([ids.modelVersions.ensemble, ids.modelVersions.gbm, ids.runs.training, ids.datasetVersions.ehr, ids.datasets.ehr]);
  });

  it('a prediction through its model versions; PUBLIC data stays PUBLIC', async () => {
    const phi = await classify(ids.predictions.primary);
    expect(phi.level).toBe('PHI');
    expect(phi.sources.every((s) => s.pathKind.startsWith('MODEL/') && s.path[0] === ids.predictions.primary)).toBe(true);
    const open = await classify(pub.prediction);
    expect(open).toMatchObject({ level: 'PUBLIC', restricted: false });
    expect(open.sources[0]!.path).toEqual([pub.prediction, pub.mv, pub.run, pub.dsv, pub.dataset]);
  });

  it('says when nothing classified is upstream, and treats that prediction as restricted', async () => {
    expect(await classify(ids.modelVersions.logreg)).toMatchObject({ level: null, sourceCount: 0 });
    const orphan = await classify(pub.orphan);
    expect(orphan).toMatchObject({ level: null, restricted: true });
    expect(orphan.reason).toMatch(/No classified/);
  });

  it('datasets, dataset versions, features and runs', async () => {
    expect((await classify(ids.datasets.ehr)).sources[0]!.pathKind).toBe('OWN');
    expect(await classify(ids.datasetVersions.census)).toMatchObject({ level: 'PUBLIC' });
    expect(await classify(ids.features.income)).toMatchObject({ level: 'PUBLIC' });
    expect(await classify(ids.runs.training)).toMatchObject({ level: 'PHI' });
  });

  it('is on the model version view and the why answer', async () => {
    const mv = await server.gql<{ modelVersion: { classification: Classification } }>(
      `{ modelVersion(id: "${ids.modelVersions.ensemble}") { classification { level reason } } }`,
      {},
      { as: Role.SCIENTIST },
    );
    expect(mv.body.data?.modelVersion.classification.level).toBe('PHI');
    const why = await server.gql<{ why: { classification: Classification } }>(
      `{ why(predictionId: "${ids.predictions.primary}") { classification { level sources { pathKind } } } }`,
      {},
      { as: Role.INVESTIGATOR },
    );
    expect(why.body.data?.why.classification.level).toBe('PHI');
  });

  it('answers NOT_FOUND for an unknown node', async () => {
    const { body } = await server.gql(CLASSIFICATION, { id: 'nope' }, { as: Role.SCIENTIST });
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});

describe('masking of restricted predictions, per role', () => {
  const WHY = `query($id: String!) { why(predictionId: $id) { prediction { id subjectKey inputs } subgraph { nodes { id label } } } }`;
  type Why = { why: { prediction: { subjectKey: string; inputs: Record<string, unknown> }; subgraph: { nodes: Array<{ id: string; label: string }> } } };

  it('why: ADMIN sees a stable mask; INVESTIGATOR and AUDITOR see the subject', async () => {
    const admin = await server.gql<Why>(WHY, { id: ids.predictions.primary }, { as: Role.ADMIN });
    const p = admin.body.data!.why.prediction;
    expect(p.subjectKey.startsWith(MASK_PREFIX)).toBe(true);
    expect(Object.keys(p.inputs).sort()).toEqual(['age', 'bmi', 'income']);
    expect(Object.values(p.inputs).every((v) => String(v).startsWith(MASK_PREFIX))).toBe(true);
    expect(JSON.stringify(admin.body)).not.toContain('patient-42');
    const again = await server.gql<Why>(WHY, { id: ids.predictions.primary }, { as: Role.ADMIN });
    expect(again.body.data!.why.prediction.subjectKey).toBe(p.subjectKey);
    for (const role of [Role.INVESTIGATOR, Role.AUDITOR]) {
      const clear = await server.gql<Why>(WHY, { id: ids.predictions.primary }, { as: role });
      expect(clear.body.data!.why.prediction).toMatchObject({ subjectKey: 'patient-42', inputs: { age: 67, bmi: 31.2, income: 41_000 } });
    }
  });

  it('why: a PUBLIC prediction is not masked; one without a model is (fail closed)', async () => {
    const open = await server.gql<Why>(WHY, { id: pub.prediction }, { as: Role.ADMIN });
    expect(open.body.data!.why.prediction.subjectKey).toBe('citizen-7');
    const orphan = await server.gql<Why>(WHY, { id: pub.orphan }, { as: Role.ADMIN });
    expect(orphan.body.data!.why.prediction.subjectKey.startsWith(MASK_PREFIX)).toBe(true);
  });

  it('lineage node properties and neighbour pages: SCIENTIST masked with the same mask, INVESTIGATOR clear', async () => {
    const LINEAGE = `query($id: String!) { lineage(nodeId: $id, direction: DOWNSTREAM, depth: 2) { nodes { id type label properties } } }`;
    const mask = (await server.gql<Why>(WHY, { id: ids.predictions.primary }, { as: Role.ADMIN })).body.data!.why.prediction.subjectKey;
    type L = { lineage: { nodes: Array<{ id: string; type: string; label: string; properties: Record<string, unknown> }> } };
    const sci = await server.gql<L>(LINEAGE, { id: ids.modelVersions.gbm }, { as: Role.SCIENTIST });
    const node = sci.body.data!.lineage.nodes.find((n) => n.id === ids.predictions.primary)!;
    expect(node.properties.subjectKey).toBe(mask);
    expect(node.label).toContain(mask);
    expect(String(node.properties.inputs)).not.toContain('67');
    expect(JSON.stringify(sci.body)).not.toContain('patient-42');
    const inv = await server.gql<L>(LINEAGE, { id: ids.modelVersions.gbm }, { as: Role.INVESTIGATOR });
    expect(inv.body.data!.lineage.nodes.find((n) => n.id === ids.predictions.primary)!.properties.subjectKey).toBe('patient-42');
    const page = await server.gql<{ lineageNeighbours: { nodes: Array<{ id: string; properties: Record<string, unknown> }> } }>(
      `query($id: String!) { lineageNeighbours(nodeId: $id, relType: "USED", type: "Prediction") { nodes { id properties } } }`,
      { id: ids.modelVersions.gbm },
      { as: Role.SCIENTIST },
    );
    expect(page.body.data!.lineageNeighbours.nodes.find((n) => n.id === ids.predictions.primary)!.properties.subjectKey).toBe(mask);
  });

  it('impact prediction pages: SCIENTIST masked, INVESTIGATOR clear', async () => {
    const IMPACT = `query($id: String!) { impact(nodeId: $id, first: 100) { predictions { edges { node { id subjectKey } } } } }`;
    type I = { impact: { predictions: { edges: Array<{ node: { id: string; subjectKey: string } }> } } };
    const sci = await server.gql<I>(IMPACT, { id: ids.datasets.ehr }, { as: Role.SCIENTIST });
    const nodes = sci.body.data!.impact.predictions.edges.map((e) => e.node);
    expect(nodes.find((n) => n.id === ids.predictions.primary)?.subjectKey.startsWith(MASK_PREFIX)).toBe(true);
    expect(JSON.stringify(sci.body)).not.toContain('patient-42');
    const inv = await server.gql<I>(IMPACT, { id: ids.datasets.ehr }, { as: Role.INVESTIGATOR });
    expect(inv.body.data!.impact.predictions.edges.find((e) => e.node.id === ids.predictions.primary)?.node.subjectKey).toBe('patient-42');
  });

  it('subject search results: nothing for SCIENTIST (no oracle, whatever the level); AUDITOR clear', async () => {
    const SEARCH = `query($text: String!) { searchAll(text: $text) { subjectPredictions { id subjectKey } subjectKeysSearched } }`;
    type S = { searchAll: { subjectPredictions: Array<{ id: string; subjectKey: string }>; subjectKeysSearched: boolean } };
    for (const text of ['patient-42', 'citizen-7']) {
      const sci = await server.gql<S>(SEARCH, { text }, { as: Role.SCIENTIST });
      expect(sci.body.data!.searchAll).toEqual({ subjectPredictions: [], subjectKeysSearched: false });
    }
    const aud = await server.gql<S>(SEARCH, { text: 'patient-42' }, { as: Role.AUDITOR });
    expect(aud.body.data!.searchAll.subjectPredictions.length).toBeGreaterThan(0);
    expect(aud.body.data!.searchAll.subjectPredictions.every((h) => h.subjectKey === 'patient-42')).toBe(true);
  });
});
