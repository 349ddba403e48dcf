/**
 * A drift signature is an aggregate of subjects' inputs, and a small one gives them back: a
 * serving window of one prediction has that prediction's value as every quantile, and its
 * histogram names the decile it fell in. An uncleared caller (SCIENTIST, or an ADMIN without
 * clearance) asks for hourly windows of a sparse demo and must get no metric or histogram of a
 * window below the minimum group size. (Signature nodes are on no lineage relation and no search label, so only this query reads them.)
 * A cleared INVESTIGATOR still sees them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { MIN_GROUP_SIZE } from '../../server/src/drift/drift.reads';
import { loadScenario } from '../../seed/src/load';
import { generateScenario } from '../../seed/src/scenario';
import { startTestServer, type TestServer } from '../support/server';

/** The declared minimum group size (the service's MIN_GROUP_SIZE must not drop below it). */
const K = 20;
let server: TestServer;
const ION = 'ion-ct-triage';

interface Window {
  id: string;
  feature: string;
  count: number;
  psi: number | null;
  ks: number | null;
  missingRate: number | null;
  withheld: boolean;
  histogram: { bins: string[]; current: number[] } | null;
}

const SERIES = `query($ionId: String!, $feature: String) {
  driftSeries(ionId: $ionId, feature: $feature, limit: 5000) { id feature count psi ks missingRate withheld histogram { bins current } }
}`;

async function series(as: Role): Promise<Window[]> {
  const res = await server.gql<{ driftSeries: Window[] }>(SERIES, { ionId: ION, feature: 'lab_crp_mg_l' }, { as });
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data!.driftSeries;
}

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  // 300 requests over 24 days: hourly windows of 0–3 predictions each.
  const scenario = generateScenario({ seed: 5, predictions: 300 });
  await loadScenario(server.graph.services.ingest, scenario, { baselines: server.graph.services.drift });
  await server.graph.services.drift.setPolicy({ ionId: ION, windowHours: 1, minCount: 1 });
  const from = scenario.truth.servingWindow.from;
  await server.graph.services.drift.evaluate(ION, from, new Date(Date.parse(from) + 86_400_000).toISOString());
});

afterAll(async () => {
  await server?.close();
});

describe('drift signatures of small windows', () => {
  it('are withheld below a declared minimum group size', () => {
    expect(MIN_GROUP_SIZE).toBeGreaterThanOrEqual(K);
  });

  it('exist, so the attack has something to read (a cleared caller sees them)', async () => {
    const windows = await series(Role.INVESTIGATOR);
    const small = windows.filter((w) => w.count < K);
    expect(small.length).toBeGreaterThan(5);
    expect(small.every((w) => w.histogram !== null && w.psi !== null && !w.withheld)).toBe(true);
  });

  it.each([Role.SCIENTIST, Role.ADMIN])('give an uncleared %s no metric, histogram or bin of a window below the minimum group size', async (role) => {
    const windows = await series(role);
    const small = windows.filter((w) => w.count < K);
    expect(small.length).toBeGreaterThan(5);
    // The attack: a one-prediction window's histogram puts that patient's CRP in one decile.
    const leaking = small.filter((w) => w.histogram !== null || w.psi !== null || w.ks !== null || w.missingRate !== null || !w.withheld);
    expect(leaking.map((w) => w.id)).toEqual([]);
  });
});
