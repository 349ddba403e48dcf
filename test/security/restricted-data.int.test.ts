/**
 * Attacks an uncleared caller (SCIENTIST, or an ADMIN without clearance) would try against the
 * demo scenario to recover a masked patient, each of which must fail: rebuilding inputs from
 * attributions and model coefficients, brute-forcing subject keys from content hashes, using
 * search or why as an oracle, linking masked input values by frequency, and reading the same
 * data through exports. Cleared callers (INVESTIGATOR) keep seeing everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { MASK_PREFIX } from '../../server/src/classification/masking';
import type { PredictionInput } from '@ion-lineage/contract';
import { contentHash } from '../../server/src/ingest/engine';
import { compileScoring } from '../../seed/src/scenario/scoring-compile';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { loadDemoGraph } from '../support/demo-graph';
import type { TestGraph } from '../support/neo4j';
import { startTestServer, type TestServer } from '../support/server';

const PREDICTIONS = 300;
let graph: TestGraph;
let scenario: DemoScenario;
let server: TestServer;
/** Every primary and control prediction as it was sent, by id (the attacker's best case: all but the key). */
const sent = new Map<string, PredictionInput>();

type Node = { id: string; type: string; label: string; properties: Record<string, unknown> };
const UNCLEARED = [Role.SCIENTIST, Role.ADMIN] as const;

function data<T>(response: { body: { data?: T | null; errors?: Array<{ message: string; extensions?: { code?: string } }> } }): T {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  return response.body.data!;
}

/** The numeric input a linear attribution gives away: contribution = coefficient × (x − baseline). */
function reconstruct(contribution: number, term: { coefficient: number; baseline: number }): number {
  return contribution / term.coefficient + term.baseline;
}

async function predictionsOfRun(runId: string, as: Role): Promise<Node[]> {
  const res = await server.gql<{ lineageNeighbours: { nodes: Node[] } }>(
    'query($id: String!) { lineageNeighbours(nodeId: $id, relType: "MADE_BY", type: "Prediction", first: 50) { nodes { id type label properties } } }',
    { id: runId },
    { as },
  );
  return data(res).lineageNeighbours.nodes;
}

beforeAll(async () => {
  ({ graph, scenario } = await loadDemoGraph({ seed: 42, predictions: PREDICTIONS }));
  for (const batch of scenario.predictionBatches()) for (const p of batch.predictions ?? []) sent.set(p.id, p);
  server = await startTestServer();
}, 300_000);

afterAll(async () => {
  await server?.close();
  await graph?.driver.close();
});

const sample = () => scenario.truth.samples.find((s) => s.label === 'ensemble')!.expected;

describe('inputs cannot be rebuilt from attributions and coefficients', () => {
  it('attributions, inputs and hashes of restricted predictions are withheld from an uncleared caller on lineageNeighbours', async () => {
    const truth = sample();
    for (const as of UNCLEARED) {
      const nodes = await predictionsOfRun(truth.inferenceRunId, as);
      expect(nodes.length).toBeGreaterThan(0);
      for (const node of nodes) {
        const original = sent.get(node.id)!;
        expect(node.properties.subjectKey).toMatch(new RegExp(`^${MASK_PREFIX}`));
        expect(node.label).not.toContain(original.subjectKey);
        expect(node.properties.attributions ?? null).toBeNull();
        const inputs = JSON.parse(String(node.properties.inputs)) as Record<string, unknown>;
        expect(Object.keys(inputs).sort()).toEqual(Object.keys(original.inputs ?? {}).sort());
        for (const [feature, value] of Object.entries(inputs)) expect(value, feature).not.toEqual(original.inputs![feature]);
        expect(node.properties.contentHash).not.toBe(contentHash(original));
      }
    }
  });

  it('the attack of the report fails: the visible coefficients plus what why shows give no input back', async () => {
    const truth = sample();
    const versionId = truth.modelVersionIds[0]!;
    const spec = data(
      await server.gql<{ modelVersion: { hyperparameters: { scoring?: unknown } | null } }>(
        'query($id: String!) { modelVersion(id: $id) { hyperparameters } }',
        { id: versionId },
        { as: Role.SCIENTIST },
      ),
    ).modelVersion.hyperparameters?.scoring;
    const model = compileScoring(versionId, spec);
    const original = sent.get(truth.predictionId)!.inputs as Record<string, unknown>;
    const numeric = model.terms.filter((term) => !term.encoding);
    const rebuild = (attributions: Array<{ feature: string; contribution: number }>) =>
      numeric.flatMap((term) => {
        const shown = attributions.find((a) => a.feature === term.name);
        return shown ? [[term.name, reconstruct(shown.contribution, term) * term.scale] as const] : [];
      });
    // The premise: the recorded attributions and the visible coefficients give the numeric inputs back.
    const rebuilt = rebuild(sent.get(truth.predictionId)!.attributions ?? []);
    expect(rebuilt.length).toBeGreaterThan(3);
    for (const [feature, value] of rebuilt) expect(value, feature).toBeCloseTo(Number(original[feature]), 1);
    // SCIENTIST may not call why; an ADMIN without clearance may, and gets nothing to rebuild from.
    const why = data(
      await server.gql<{
        why: { prediction: { attributions: Array<{ feature: string; contribution: number }>; inputs: Record<string, unknown>; masked: boolean } };
      }>(
        'query($id: String!) { why(predictionId: $id) { prediction { attributions { feature contribution } inputs masked } } }',
        { id: truth.predictionId },
        { as: Role.ADMIN },
      ),
    ).why.prediction;
    expect(why.masked).toBe(true);
    expect(why.attributions).toEqual([]);
    expect(rebuild(why.attributions)).toEqual([]);
    for (const [feature, value] of Object.entries(why.inputs)) expect(value, feature).not.toEqual(original[feature]);
  });

  it('a cleared investigator still sees inputs, attributions and the subject key', async () => {
    const truth = sample();
    const nodes = await predictionsOfRun(truth.inferenceRunId, Role.INVESTIGATOR);
    const node = nodes.find((n) => n.id === truth.predictionId) ?? nodes[0]!;
    const original = sent.get(node.id)!;
    expect(node.properties.subjectKey).toBe(original.subjectKey);
    expect(JSON.parse(String(node.properties.inputs))).toEqual(original.inputs);
    expect(node.properties.attributions).toBeTruthy();
    const why = data(
      await server.gql<{ why: { prediction: { subjectKey: string; attributions: unknown[]; masked: boolean } } }>(
        'query($id: String!) { why(predictionId: $id) { prediction { subjectKey attributions { feature contribution } masked } } }',
        { id: truth.predictionId },
        { as: Role.INVESTIGATOR },
      ),
    ).why.prediction;
    expect(why).toMatchObject({ subjectKey: truth.subjectKey, masked: false });
    expect(why.attributions.length).toBeGreaterThan(0);
  });
});

describe('content hashes reveal nothing offline', () => {
  it('brute-forcing every candidate subject key against the shown hash finds none (it would find the stored one)', async () => {
    const truth = sample();
    const nodes = await predictionsOfRun(truth.inferenceRunId, Role.SCIENTIST);
    const candidates = [...new Set([...sent.values()].map((p) => p.subjectKey))];
    const stored = await graph.driver.executeQuery('MATCH (p:Prediction) WHERE p.id IN $ids RETURN p.id AS id, p.contentHash AS hash', {
      ids: nodes.map((n) => n.id),
    });
    const storedHash = new Map(stored.records.map((r) => [r.get('id') as string, r.get('hash') as string]));
    let recoveredFromStored = 0;
    for (const node of nodes.slice(0, 10)) {
      const known = { ...sent.get(node.id)! };
      const hit = (target: unknown) => candidates.find((key) => contentHash({ ...known, subjectKey: key }) === target);
      if (hit(storedHash.get(node.id)) === known.subjectKey) recoveredFromStored++;
      expect(hit(node.properties.contentHash)).toBeUndefined();
    }
    // The attack is real: against the plain stored hash it recovers every key.
    expect(recoveredFromStored).toBe(Math.min(10, nodes.length));
  });
});

describe('search and why are no oracle for subject keys', () => {
  it('an uncleared searchAll for a clear subject key (exact, or 20 aliased guesses) matches nothing', async () => {
    const truth = sample();
    for (const as of UNCLEARED) {
      const one = data(
        await server.gql<{ searchAll: { subjectPredictions: unknown[]; subjectKeysSearched: boolean } }>(
          'query($t: String!) { searchAll(text: $t) { subjectPredictions { id } subjectKeysSearched } }',
          { t: truth.subjectKey },
          { as },
        ),
      ).searchAll;
      expect(one).toEqual({ subjectPredictions: [], subjectKeysSearched: false });
      const guesses = candidatesAround(truth.subjectKey, 20);
      const aliased = `{ ${guesses.map((g, i) => `g${i}: searchAll(text: ${JSON.stringify(g)}) { subjectPredictions { id } }`).join(' ')} }`;
      const many = data(await server.gql<Record<string, { subjectPredictions: unknown[] }>>(aliased, {}, { as }));
      expect(Object.values(many).every((r) => r.subjectPredictions.length === 0)).toBe(true);
    }
    const cleared = data(
      await server.gql<{ searchAll: { subjectPredictions: Array<{ id: string; subjectKey: string }>; subjectKeysSearched: boolean } }>(
        'query($t: String!) { searchAll(text: $t, first: 50) { subjectPredictions { id subjectKey } subjectKeysSearched } }',
        { t: truth.subjectKey },
        { as: Role.INVESTIGATOR },
      ),
    ).searchAll;
    expect(cleared.subjectKeysSearched).toBe(true);
    expect(cleared.subjectPredictions.length).toBeGreaterThan(0);
    expect(cleared.subjectPredictions.every((p) => p.subjectKey === truth.subjectKey)).toBe(true);
  });

  it('why by subject key is refused for an uncleared caller before any lookup, for known and unknown keys alike', async () => {
    const truth = sample();
    for (const key of [truth.subjectKey, 'patient-999999']) {
      const res = await server.gql('query($k: String!) { why(subjectKey: $k) { prediction { id } } }', { k: key }, { as: Role.ADMIN });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.body.errors?.[0]?.message).toContain('SEE_RESTRICTED_DATA');
    }
    const ok = data(
      await server.gql<{ why: { prediction: { id: string } } }>(
        'query($k: String!, $at: DateTime) { why(subjectKey: $k, at: $at) { prediction { id } } }',
        { k: truth.subjectKey, at: truth.at },
        { as: Role.INVESTIGATOR },
      ),
    );
    expect(ok.why.prediction.id).toBe(truth.predictionId);
  });
});

describe('masks are not linkable by frequency', () => {
  it('every masked input value looks the same, so patient_sex (two values) shows one mask', async () => {
    const res = await server.gql<{ lineageNeighbours: { nodes: Node[] } }>(
      'query($id: String!) { lineageNeighbours(nodeId: $id, relType: "USED", type: "Prediction", first: 200) { nodes { id properties } } }',
      { id: sample().modelVersionIds[0] },
      { as: Role.SCIENTIST },
    );
    const nodes = data(res).lineageNeighbours.nodes;
    const shown = new Set(nodes.map((n) => (JSON.parse(String(n.properties.inputs)) as Record<string, unknown>).patient_sex));
    const clear = new Set(nodes.map((n) => (sent.get(n.id)!.inputs as Record<string, unknown>).patient_sex));
    expect(clear.size).toBe(2);
    expect(shown.size).toBe(1);
  });
});

describe('other surfaces follow the same policy', () => {
  it('impact prediction pages mask subject keys for an uncleared caller', async () => {
    const truth = sample();
    const res = await server.gql<{ impact: { predictions: { edges: Array<{ node: { id: string; subjectKey: string } }> } } }>(
      'query($id: String!) { impact(nodeId: $id, first: 20) { predictions { edges { node { id subjectKey } } } } }',
      { id: truth.datasetVersionIds[0] },
      { as: Role.SCIENTIST },
    );
    const nodes = data(res).impact.predictions.edges.map((e) => e.node);
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) expect(node.subjectKey.startsWith(MASK_PREFIX)).toBe(true);
  });

  it('a signed export for an uncleared ADMIN carries no clear key, input, attribution or plain hash, and says so', async () => {
    const truth = sample();
    const res = await server.gql<{ exportSubgraph: { manifest: { restrictedData?: Record<string, string> }; content: string } }>(
      'query($id: String!) { exportSubgraph(rootId: $id, direction: UPSTREAM, depth: 2, format: JSON) { manifest content } }',
      { id: truth.predictionId },
      { as: Role.ADMIN },
    );
    const file = data(res).exportSubgraph;
    const original = sent.get(truth.predictionId)!;
    expect(file.content).not.toContain(original.subjectKey);
    expect(file.content).not.toContain(contentHash(original));
    const root = (JSON.parse(file.content) as { nodes: Node[] }).nodes.find((n) => n.id === truth.predictionId)!;
    expect(root.properties.attributions ?? null).toBeNull();
    expect(file.manifest.restrictedData).toMatchObject({
      subjectKeys: expect.any(String),
      inputs: expect.any(String),
      attributions: expect.any(String),
      contentHashes: expect.any(String),
    });
  });
});

/** Keys near a known one, as someone walking the key space would try. */
function candidatesAround(key: string, count: number): string[] {
  const n = Number(key.replace(/\D/g, ''));
  return Array.from({ length: count }, (_, i) => `patient-${String(n - Math.floor(count / 2) + i).padStart(6, '0')}`);
}
