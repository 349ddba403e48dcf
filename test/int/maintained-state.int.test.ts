/**
 * Impact and compliance answer from counters kept at ingest (cypher/ingest/prediction-counts).
 * After a randomized mixed ingest — new batches, retried and concurrently repeated batches,
 * batches half replayed, rolled-back transactions, refused batches, late rejections, late
 * predictions with old times, unversioned predictions — the maintained answers equal the
 * reference queries that read every prediction, exactly; and a rebuild gives the same state.
 */
import type { IngestBundle, PredictionInput } from '@ion-lineage/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ComplianceService, type ComplianceSource } from '../../server/src/compliance/compliance.service';
import { ErrorCode } from '../../server/src/errors';
import { ImpactService, type ImpactSource } from '../../server/src/impact/impact.service';
import { writeBundle } from '../../server/src/ingest/ingest-service';
import { ensureMaintainedState, maintainedState, rebuildMaintainedState } from '../../server/src/maintained/maintained-state';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { expectErrorCode, loadDemoGraph } from '../support/demo-graph';
import { readRows, type TestGraph } from '../support/neo4j';

let graph: TestGraph;
let scenario: DemoScenario;

/** mulberry32: a small seeded generator, so a failure names a reproducible seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 1414;
const rand = random(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
let serial = 0;
const sample = <T>(xs: readonly T[], n: number): T[] => Array.from({ length: n }, () => pick(xs));

/** Counter totals per model version and per run, next to the same totals read from predictions. */
async function counterTotals() {
  const [row] = await readRows<{ counted: unknown; linked: unknown; unversioned: unknown; made: unknown }>(
    graph.driver,
    `CALL () { MATCH (c:UseCount) WITH c.modelVersionId AS id, sum(c.count) AS n ORDER BY id RETURN collect([id, n]) AS counted }
     CALL () { MATCH (mv:ModelVersion) WITH mv, COUNT { (mv)<-[:USED]-(:Prediction) } AS n WHERE n > 0 WITH mv.id AS id, n ORDER BY id RETURN collect([id, n]) AS linked }
     CALL () { MATCH (c:UnversionedCount) WITH c.runId AS id, sum(c.count) AS n ORDER BY id RETURN collect([id, n]) AS unversioned }
     CALL () { MATCH (r:Run)<-[:MADE_BY]-(p:Prediction) WHERE NOT EXISTS { (p)-[:USED]->() } WITH r.id AS id, count(p) AS n ORDER BY id RETURN collect([id, n]) AS made }
     RETURN counted, linked, unversioned, made`,
  );
  return row!;
}

async function report(source: ComplianceSource, limit: number, sampleSize: number) {
  return new ComplianceService(graph.executor, source).report({ limit, sampleSize }, new Date('2030-01-01T00:00:00Z'));
}

/**
 * The first two pages of `impact(root)`: only a first page (no cursor) reads the newest affected
 * time, which is what the counters answer; later pages run the same query in both modes.
 */
async function impactPages(source: ImpactSource, expandLimit: number, root: string, first: number) {
  const service = new ImpactService(graph.executor, expandLimit, source);
  const pages = [];
  let after: string | null = null;
  for (let i = 0; i < 2; i++) {
    const view = await service.impact(root, first, after);
    pages.push(view);
    if (!view.predictions.pageInfo.hasNextPage) break;
    after = view.predictions.pageInfo.endCursor;
  }
  return pages;
}

/** Maintained and reference answers, side by side, for every impact root and report shape. */
async function expectSameAnswers(): Promise<void> {
  for (const [limit, sampleSize] of [
    [1000, 10_000],
    [1000, 0],
    [1000, 1],
    [1000, 7],
    [1, 20],
  ] as const) {
    expect(await report('maintained', limit, sampleSize)).toEqual(await report('reference', limit, sampleSize));
  }
  // A seeded sample of roots of each kind (all 160 would take minutes on a shared machine).
  const roots = [
    ...sample(
      scenario.base.datasetVersions!.map((dv) => dv.id),
      10,
    ),
    ...sample(
      scenario.base.datasets!.map((d) => d.id),
      3,
    ),
    ...sample(
      scenario.base.features!.map((f) => f.id),
      3,
    ),
  ];
  // Expand limit 0 forces the index-ordered plan, the one that reads the newest affected time
  // (the expanding plan runs the same query in both modes).
  for (const root of roots) {
    expect(await impactPages('counters', 0, root, 97)).toEqual(await impactPages('predictions', 0, root, 97));
  }
}

/** A batch of new predictions at random hours of the serving window, some with no model version. */
function newBatch(size: number, within: { from: number; to: number }, runs: string[], versions: string[]): PredictionInput[] {
  return Array.from({ length: size }, () => {
    const id = `mx-${SEED}-${serial++}`;
    const used = rand() < 0.15 ? [] : [...new Set([pick(versions), ...(rand() < 0.3 ? [pick(versions)] : [])])];
    return {
      id,
      runId: pick(runs),
      requestId: `req-${id}`,
      subjectKey: `subject-${Math.floor(rand() * 50)}`,
      at: new Date(within.from + Math.floor(rand() * (within.to - within.from))).toISOString(),
      output: rand() < 0.5 ? 'POSITIVE' : 'NEGATIVE',
      modelVersionIds: used,
    };
  });
}

beforeAll(async () => {
  ({ graph, scenario } = await loadDemoGraph({ seed: 42, predictions: 200 }));
}, 180_000);

afterAll(async () => {
  await graph?.driver.close();
});

describe('maintained impact and compliance state', () => {
  it('counts each created prediction once through a randomized mixed ingest, and answers as the reference queries do', async () => {
    const ingest = graph.services.ingest;
    const runs = scenario.base.runs!.filter((r) => r.kind === 'INFERENCE').map((r) => r.id);
    const versions = scenario.base.modelVersions!.map((mv) => mv.id);
    const times = scenario.base.runs!.filter((r) => r.kind === 'INFERENCE').map((r) => Date.parse(r.startedAt));
    const within = { from: Math.min(...times), to: Math.max(...times) + 3_600_000 };
    const stored: PredictionInput[] = [];
    const ion = scenario.base.ions![0]!.id;
    const principal = scenario.base.principals![0]!.id;

    for (let round = 0; round < 6; round++) {
      const batch = newBatch(40 + Math.floor(rand() * 80), within, runs, versions);
      const action = round % 6;
      if (action === 0) {
        // Sent twice at once (two instances, or a client retrying before the answer): stored once.
        const results = await Promise.all([ingest.ingestBundle({ predictions: batch }), ingest.ingestBundle({ predictions: batch })]);
        expect(results.map((r) => r.predictions!.created).sort((a, b) => a - b)).toEqual([0, batch.length]);
        stored.push(...batch);
      } else if (action === 1) {
        // Half replayed, half new: the optimistic write fails on the stored ids and reruns checked.
        const replayed = stored.slice(-Math.min(stored.length, 30));
        const result = await ingest.ingestBundle({ predictions: [...replayed, ...batch] });
        expect(result.predictions).toEqual({ created: batch.length, unchanged: replayed.length });
        stored.push(...batch);
      } else if (action === 2) {
        // Written, then the transaction fails: neither predictions nor counts remain.
        const before = await counterTotals();
        await expect(
          graph.executor.transaction('WRITE', async (tx) => {
            await writeBundle(tx, { predictions: batch });
            throw new Error('rolled back after the write');
          }),
        ).rejects.toThrow('rolled back');
        expect(await counterTotals()).toEqual(before);
      } else if (action === 3) {
        // One unknown reference refuses the whole batch before anything is written.
        const bad: IngestBundle = { predictions: [...batch, { ...batch[0]!, id: `${batch[0]!.id}-bad`, runId: 'no-such-run' }] };
        await expectErrorCode(ingest.ingestBundle(bad), ErrorCode.BAD_USER_INPUT);
      } else if (action === 4) {
        // A late rejection, mid-hour inside the span of predictions already served.
        await ingest.ingestBundle({ predictions: batch });
        stored.push(...batch);
        const served = pick(stored.filter((p) => p.modelVersionIds.length > 0));
        const at = new Date(Date.parse(served.at) + 17 * 60_000 + 13_000).toISOString();
        await ingest.ingestBundle({
          approvals: [{ id: `late-reject-${round}`, modelVersionId: served.modelVersionIds[0]!, ionId: ion, principalId: principal, decision: 'REJECTED', at }],
        });
      } else {
        // New predictions, then the same batch again in full (a retried delivery).
        await ingest.ingestBundle({ predictions: batch });
        expect((await ingest.ingestBundle({ predictions: batch })).predictions).toEqual({ created: 0, unchanged: batch.length });
        stored.push(...batch);
      }
    }

    const totals = await counterTotals();
    expect(totals.counted).toEqual(totals.linked);
    expect(totals.unversioned).toEqual(totals.made);
    const reference = await report('reference', 1000, 20);
    const byPolicy = (id: string) => reference.policies.find((p) => p.policy === id)!.violationCount;
    expect(byPolicy('SERVED_BY_REJECTED_OR_RETIRED')).toBeGreaterThan(1);
    expect(byPolicy('MISSING_MODEL_VERSION')).toBeGreaterThan(1);
    await expectSameAnswers();
  }, 240_000);

  it('rebuilds the same state from the stored predictions, idempotently, and marks it current', async () => {
    const before = await counterTotals();
    await rebuildMaintainedState(graph.executor);
    await rebuildMaintainedState(graph.executor);
    expect(await counterTotals()).toEqual(before);
    expect((await maintainedState(graph.executor)).version).toBe(1);
    expect(await ensureMaintainedState(graph.executor)).toBe('current');
    await expectSameAnswers();
  }, 240_000);

  it('rebuilds at start-up when predictions arrived without counters (a bulk import)', async () => {
    await readRows(graph.driver, 'MATCH (n:UseCount|UnversionedCount|MaintainedState) DETACH DELETE n');
    const rebuilt = await ensureMaintainedState(graph.executor);
    expect(typeof rebuilt).toBe('object');
    const totals = await counterTotals();
    expect(totals.counted).toEqual(totals.linked);
    expect(totals.unversioned).toEqual(totals.made);
  }, 120_000);
});
