/**
 * The planted drift episode of the demo, found by the service: signatures recorded while the
 * scenario is ingested, baselines from the training dataset versions' samples, one evaluation
 * under a policy. Exactly the planted windows drift (CRP on both serving nodes during the assay
 * change), no other feature does, alerts are DRIFT events linked to their causes and are never
 * raised twice, `why` shows the drift in force, and the drift-impact query pages through
 * exactly the predictions made during the episode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { loadScenario } from '../../seed/src/load';
import { generateScenario } from '../../seed/src/scenario';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { startTestServer, type TestServer } from '../support/server';
import { readRows } from '../support/neo4j';

let server: TestServer;
let scenario: DemoScenario;
let firstRun: { windows: number; drifted: number; alertsCreated: number };
const DAY = 86_400_000;

interface Window {
  pipelineNodeId: string;
  feature: string;
  from: string;
  psi: number | null;
  drifted: boolean;
  alertEventId: string | null;
}

async function gql<T>(query: string, variables: Record<string, unknown>, as: Role = Role.SCIENTIST): Promise<T> {
  const res = await server.gql<T>(query, variables, { as });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!;
}

async function windows(feature?: string): Promise<Window[]> {
  const q = `query($ionId: String!, $feature: String) { driftSeries(ionId: $ionId, feature: $feature, limit: 5000) { pipelineNodeId feature from psi drifted alertEventId } }`;
  return (await gql<{ driftSeries: Window[] }>(q, { ionId: scenario.truth.drift.ionId, feature })).driftSeries;
}

function cypher<T = Record<string, unknown>>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  return readRows<T>(server.graph.driver, query, params);
}

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  scenario = generateScenario({ seed: 11, predictions: 8_000 });
  await loadScenario(server.graph.services.ingest, scenario, { baselines: server.graph.services.drift });
  await server.graph.services.drift.setPolicy({ ionId: scenario.truth.drift.ionId });
  firstRun = await server.graph.services.drift.evaluate(scenario.truth.drift.ionId);
}, 600_000);

afterAll(async () => {
  await server?.close();
});

describe('drift on the demo', () => {
  it('finds exactly the planted episode: the feature, on both serving nodes, for the planted days', async () => {
    const truth = scenario.truth.drift;
    const expected: string[] = [];
    for (const node of truth.pipelineNodeIds)
      for (let t = Date.parse(truth.from); t < Date.parse(truth.to); t += DAY) expected.push(`${node}|${truth.feature}|${new Date(t).toISOString()}`);
    const drifted = (await windows()).filter((w) => w.drifted).map((w) => `${w.pipelineNodeId}|${w.feature}|${new Date(w.from).toISOString()}`);
    expect(drifted.sort()).toEqual(expected.sort());
    expect(firstRun.alertsCreated).toBe(expected.length);
  });

  it('judges the quiet control feature in every window and never alerts on it', async () => {
    const quiet = await windows(scenario.truth.drift.quietFeature);
    expect(quiet.length).toBeGreaterThan(40);
    expect(quiet.every((w) => w.psi !== null && !w.drifted)).toBe(true);
    // Sampling noise alone (about 330 values a window against 1,000 baseline rows) stays far below 0.25.
    expect(Math.max(...quiet.map((w) => w.psi!))).toBeLessThan(0.15);
  });

  it('raises DRIFT events through the event ingest, linked to feature, baseline and serving models, once', async () => {
    const again = await server.graph.services.drift.evaluate(scenario.truth.drift.ionId);
    expect([again.windows, again.drifted, again.alertsCreated]).toEqual([firstRun.windows, firstRun.drifted, 0]);
    const events = await cypher<{ type: string; feature: string; baseline: string; models: number; run: string; hash: string | null }>(
      `MATCH (e:Event)-[:FOR_WINDOW]->(:DriftWindow)
       MATCH (e)-[:ABOUT_FEATURE]->(f:Feature), (e)-[:AGAINST_BASELINE]->(dv:DatasetVersion)-[:VERSION_OF]->(ds:Dataset), (e)-[:DURING]->(r:Run)
       RETURN e.type AS type, f.name AS feature, ds.id AS baseline, COUNT { (e)-[:SERVED_BY]->(:ModelVersion) } AS models, r.id AS run, e.contentHash AS hash`,
    );
    expect(events).toHaveLength(firstRun.alertsCreated);
    for (const e of events) {
      expect([e.type, e.feature, e.baseline]).toEqual(['DRIFT', scenario.truth.drift.feature, scenario.truth.drift.datasetId]);
      expect(e.models).toBeGreaterThan(0);
      // Written by the ingest engine, as any ingested event (content hash and all).
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('shows the drift in force in why, and none outside the episode', async () => {
    const truth = scenario.truth.drift;
    const all = [...scenario.predictionBatches()].flatMap((b) => b.predictions ?? []);
    const inside = all.find((p) => !p.id.endsWith('-ctl') && Date.parse(p.at) >= Date.parse(truth.from) + DAY)!;
    const outside = all.find((p) => !p.id.endsWith('-ctl') && Date.parse(p.at) >= Date.parse(truth.to) + DAY)!;
    const q = `query($id: String!) { why(predictionId: $id) { driftInForce { feature psi threshold baselineDatasetVersionId alertEventId } } }`;
    const during = (
      await gql<{ why: { driftInForce: Array<{ feature: string; psi: number; threshold: number; alertEventId: string }> } }>(
        q,
        { id: inside.id },
        Role.INVESTIGATOR,
      )
    ).why;
    expect(during.driftInForce.map((d) => d.feature)).toEqual([truth.feature]);
    expect(during.driftInForce[0]!.psi).toBeGreaterThan(during.driftInForce[0]!.threshold);
    expect(during.driftInForce[0]!.alertEventId).toMatch(/^drift-/);
    expect((await gql<{ why: { driftInForce: unknown[] } }>(q, { id: outside.id }, Role.INVESTIGATOR)).why.driftInForce).toEqual([]);
  });

  it('pages through exactly the predictions made while the feature drifted', async () => {
    const truth = scenario.truth.drift;
    const expected = [...scenario.predictionBatches()]
      .flatMap((b) => b.predictions ?? [])
      .filter((p) => Date.parse(p.at) >= Date.parse(truth.from) && Date.parse(p.at) < Date.parse(truth.to))
      .map((p) => p.id)
      .sort();
    const seen: string[] = [];
    let after: string | null = null;
    const q = `query($ionId: String!, $feature: String!, $after: String) { predictionsDuringDrift(ionId: $ionId, feature: $feature, first: 500, after: $after) { items { id at } nextCursor } }`;
    for (let page = 0; page < 100; page++) {
      type Page = { predictionsDuringDrift: { items: Array<{ id: string }>; nextCursor: string | null } };
      const { predictionsDuringDrift: p }: Page = await gql<Page>(q, {
        ionId: truth.ionId,
        feature: truth.feature,
        after,
      });
      seen.push(...p.items.map((i) => i.id));
      if (!p.nextCursor) break;
      after = p.nextCursor;
    }
    expect(seen.sort()).toEqual(expected);
    const quiet = await gql<{ predictionsDuringDrift: { items: unknown[] } }>(q, { ionId: truth.ionId, feature: truth.quietFeature, after: null });
    expect(quiet.predictionsDuringDrift.items).toEqual([]);
  });
});
