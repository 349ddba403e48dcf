/**
 * Replay against the demo's ground truth: real ONNX artifacts in a local store, onnxruntime,
 * the seed's three planted faults found (and nothing else), what-if, batch jobs, and the
 * outcome recorded once per prediction and shown by why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { REPLAY_TOLERANCE } from '../../server/src/replay/onnx-format';
import type { ReplayAnswer } from '../../server/src/replay/replay.types';
import { ReplayJobService } from '../../server/src/replay/replay-job.service';
import type { ReplayJob } from '../../server/src/replay/replay-job.types';
import { startReplayDemo, type ReplayDemo } from '../support/replay-demo';

const REQUESTS = 1_200;
let demo: ReplayDemo;

const REPLAY = `query($id: ID!, $with: ID) { replay(predictionId: $id, withModelVersion: $with) {
  predictionId verdict missing tolerance recorded decisionWouldDiffer
  models { modelVersionId role parentModelVersionId weight recordedOutput recordedScore replayedOutput replayedScore scoreDifference verdict missing detail }
  whatIf { modelVersionId role replayedOutput replayedScore verdict missing detail } } }`;

async function replay(id: string, withModelVersion?: string): Promise<ReplayAnswer> {
  const res = await demo.server.gql<{ replay: ReplayAnswer }>(REPLAY, { id, with: withModelVersion ?? null }, { as: Role.INVESTIGATOR });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.replay;
}

const JOB_FIELDS =
  'id status total done progress reproduced differs notReplayable notReplayableBy { missing modelVersionId count } differingIds differingIdsComplete error';

async function runJob(args: string): Promise<ReplayJob> {
  const started = await demo.server.gql<{ startReplayJob: ReplayJob }>(`mutation { startReplayJob(${args}) { ${JOB_FIELDS} } }`, {}, { as: Role.INVESTIGATOR });
  expect(started.body.errors).toBeUndefined();
  const id = started.body.data!.startReplayJob.id;
  await demo.server.graph.services.replayJobs.settled(id);
  const res = await demo.server.gql<{ replayJob: ReplayJob }>(`query($id: ID!) { replayJob(id: $id) { ${JOB_FIELDS} } }`, { id }, { as: Role.INVESTIGATOR });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.replayJob;
}

const sample = (label: string) => demo.scenario.truth.samples.find((s) => s.label === label)!.expected;

beforeAll(async () => {
  demo = await startReplayDemo({ seed: 42, predictions: REQUESTS });
});

afterAll(async () => {
  await demo?.close();
});

describe('replay of one prediction', () => {
  it('reproduces an ensemble prediction through its members, recorded weights and combination rule', async () => {
    const truth = sample('ensemble');
    const answer = await replay(truth.predictionId);
    expect(answer.verdict).toBe('REPRODUCED');
    expect(answer.tolerance).toBe(REPLAY_TOLERANCE);
    const [used, ...members] = answer.models;
    expect(used!.role).toBe('USED');
    expect(used!.modelVersionId).toBe(truth.modelVersionIds[0]);
    expect(used!.recordedOutput).toBe(truth.output);
    expect(used!.replayedOutput).toBe(truth.output);
    expect(Math.abs(used!.scoreDifference!)).toBeLessThanOrEqual(REPLAY_TOLERANCE);
    const byId = (a: { modelVersionId: string }, b: { modelVersionId: string }) => a.modelVersionId.localeCompare(b.modelVersionId);
    expect(members.map((m) => ({ modelVersionId: m.modelVersionId, weight: m.weight })).sort(byId)).toEqual([...truth.ensembleMembers].sort(byId));
    expect(members.every((m) => m.role === 'MEMBER' && m.parentModelVersionId === used!.modelVersionId && m.verdict === 'REPRODUCED')).toBe(true);
    expect(members.reduce((sum, m) => sum + m.weight!, 0)).toBeCloseTo(1, 9);
  });

  it('records the outcome once per prediction, counts replays, and why shows the latest verdict', async () => {
    const id = sample('control-agrees').predictionId;
    await replay(id);
    const again = await replay(id);
    expect(again.recorded).toBe(true);
    const res = await demo.server.gql<{ why: { replay: { verdict: string; replays: number; modelVersionIds: string[] } } }>(
      'query($id: String!) { why(predictionId: $id) { replay { verdict replays modelVersionIds } } }',
      { id },
      { as: Role.INVESTIGATOR },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.why.replay).toMatchObject({ verdict: 'REPRODUCED', replays: 2 });
    const [{ count }] = await demo.server.graph.services.executor
      .run<{ count: number }>('replay/latest-outcome', { predictionIds: [id] })
      .then((rows) => [{ count: rows.length }]);
    expect(count).toBe(1);
  });

  it('names the member whose stored artifact no longer matches its digest', async () => {
    const { corruptArtifactModelVersionId } = demo.scenario.truth.replay;
    const truth = sample('rejected-model');
    const answer = await replay(truth.predictionId);
    expect(answer).toMatchObject({ verdict: 'NOT_REPLAYABLE', missing: 'DIGEST_MISMATCH' });
    const member = answer.models.find((m) => m.modelVersionId === corruptArtifactModelVersionId)!;
    expect(member).toMatchObject({ role: 'MEMBER', verdict: 'NOT_REPLAYABLE', missing: 'DIGEST_MISMATCH' });
    expect(member.detail).toContain('corrupt');
  });

  it('shows the mis-logged prediction as DIFFERS with the model’s own output', async () => {
    const id = demo.scenario.truth.replay.misloggedPredictionId!;
    const answer = await replay(id);
    expect(answer.verdict).toBe('DIFFERS');
    const used = answer.models[0]!;
    expect(used.replayedScore! + used.recordedScore!).toBeCloseTo(1, 3);
  });
});

describe('what-if', () => {
  it('runs the same inputs through another ensemble version and says whether the decision would differ', async () => {
    const truth = sample('ensemble');
    const other = 'mv-ct-ensemble-v4';
    const answer = await replay(truth.predictionId, other);
    const [whatIf, ...members] = answer.whatIf;
    expect(whatIf).toMatchObject({ modelVersionId: other, role: 'WHAT_IF' });
    expect(members).toHaveLength(3);
    expect(members.every((m) => m.role === 'WHAT_IF_MEMBER')).toBe(true);
    expect(answer.decisionWouldDiffer).toBe(whatIf!.replayedOutput !== truth.output);
    expect(answer.verdict).toBe('REPRODUCED');
  });

  it('says NOT_REPLAYABLE for a version without a replayable artifact', async () => {
    const truth = sample('ensemble');
    const legacy = await replay(truth.predictionId, 'mv-ct-legacy-logreg-v1');
    expect(legacy.whatIf[0]).toMatchObject({ verdict: 'NOT_REPLAYABLE', missing: 'UNSUPPORTED_FORMAT' });
    expect(legacy.decisionWouldDiffer).toBeNull();
    const missing = await replay(truth.predictionId, demo.scenario.truth.replay.noArtifactModelVersionId);
    expect(missing.whatIf[0]).toMatchObject({ verdict: 'NOT_REPLAYABLE', missing: 'NO_ARTIFACT' });
  });

  it('refuses an unknown version by name', async () => {
    const res = await demo.server.gql(REPLAY, { id: sample('ensemble').predictionId, with: 'mv-nope' }, { as: Role.INVESTIGATOR });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.body.errors?.[0]?.message).toContain('withModelVersion');
  });
});

describe('batch replay', () => {
  it('finds exactly the planted faults over the whole serving window', async () => {
    const { truth } = demo.scenario;
    const job = await runJob(`from: "${truth.servingWindow.from}", to: "${truth.servingWindow.to}"`);
    expect(job).toMatchObject({ status: 'DONE', total: 2 * REQUESTS, done: 2 * REQUESTS, progress: 1, error: null });
    expect(job.reproduced + job.differs + job.notReplayable).toBe(2 * REQUESTS);
    expect(job.differingIds).toEqual([truth.replay.misloggedPredictionId]);
    expect(job.differingIdsComplete).toBe(true);
    const byKind = new Map<string, Set<string | null>>();
    for (const g of job.notReplayableBy) byKind.set(g.missing, (byKind.get(g.missing) ?? new Set()).add(g.modelVersionId));
    expect([...byKind.keys()].sort()).toEqual(['DIGEST_MISMATCH', 'NO_ARTIFACT', 'NO_MODEL_RECORDED']);
    expect([...byKind.get('NO_ARTIFACT')!]).toEqual([truth.replay.noArtifactModelVersionId]);
    expect([...byKind.get('DIGEST_MISMATCH')!]).toEqual([truth.replay.corruptArtifactModelVersionId]);
    // The registry outage (planted earlier) recorded no model for these: nothing to replay them with.
    const noModel = job.notReplayableBy.find((g) => g.missing === 'NO_MODEL_RECORDED')!;
    expect(noModel.count).toBe(truth.violations.missingModelVersions.reduce((sum, v) => sum + v.count, 0));
  });

  it('replays one run and keeps the finished job in the graph', async () => {
    const id = demo.scenario.truth.replay.misloggedPredictionId!;
    const [row] = await demo.server.graph.services.executor.run<{ runId: string }>('replay/prediction', { predictionId: id });
    const job = await runJob(`runId: "${row!.runId}"`);
    expect(job.status).toBe('DONE');
    expect(job.total).toBeGreaterThan(0);
    expect(job.differingIds).toEqual([id]);
    expect(job.reproduced).toBe(job.total - 1);
    const stored = await demo.server.graph.services.replayJobs.get(job.id);
    expect(stored).toMatchObject({ status: 'DONE', differs: 1 });
  });

  it('reads a job whose process stopped as INTERRUPTED once its lease lapses, keeping its progress', async () => {
    const { executor, replay, replayJobs } = demo.server.graph.services;
    // What a process killed mid-job leaves behind: a RUNNING job nobody renews.
    const leftBehind = {
      ...{ id: `replay-job-cut-off-${Date.now()}`, status: 'RUNNING', runId: 'run-cut-off', from: null, to: null, total: 10, done: 4 },
      ...{ counts: JSON.stringify({ REPRODUCED: 4, DIFFERS: 0, NOT_REPLAYABLE: 0 }), notReplayable: '[]', differingIds: [], error: null },
      ...{ startedAt: new Date().toISOString(), finishedAt: null, by: 'investigator' },
    };
    await executor.run('replay/job-save', { job: leftBehind });
    // Within the lease it may still be running on another instance.
    expect(await replayJobs.get(leftBehind.id)).toMatchObject({ status: 'RUNNING', finishedAt: null });

    await new Promise((resolve) => setTimeout(resolve, 300));
    const anotherInstance = new ReplayJobService(executor, replay, { leaseMs: 200 });
    const interrupted = await anotherInstance.get(leftBehind.id);
    expect(interrupted).toMatchObject({ status: 'INTERRUPTED', done: 4, reproduced: 4 });
    expect(interrupted!.error).toContain('stopped before it finished');
    expect(interrupted!.finishedAt).not.toBeNull();
    expect(await replayJobs.get(leftBehind.id)).toMatchObject({ status: 'INTERRUPTED' });
  });

  it('refuses a scope that is neither a run nor a window, naming the argument', async () => {
    const res = await demo.server.gql(`mutation { startReplayJob(from: "2026-03-01T00:00:00Z") { id } }`, {}, { as: Role.INVESTIGATOR });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toContain('to');
  });
});

describe('exports', () => {
  it('carry the recorded replay of an exported prediction', async () => {
    const id = sample('ensemble').predictionId;
    await replay(id);
    const res = await demo.server.gql<{ exportSubgraph: { content: string } }>(
      'query($id: String!) { exportSubgraph(rootId: $id, depth: 1) { content } }',
      { id },
      { as: Role.INVESTIGATOR },
    );
    expect(res.body.errors).toBeUndefined();
    const graph = JSON.parse(res.body.data!.exportSubgraph.content) as {
      nodes: Array<{ id: string; type: string; properties: Record<string, unknown> }>;
      edges: Array<{ source: string; type: string }>;
    };
    const outcome = graph.nodes.find((n) => n.type === 'ReplayOutcome');
    expect(outcome?.properties.verdict).toBe('REPRODUCED');
    expect(graph.edges).toContainEqual(expect.objectContaining({ source: id, type: 'REPLAYED_AS' }));
  });
});
