/**
 * Replay computes from a prediction's restricted inputs. The attack: a caller who may explain
 * predictions but not see restricted data (ADMIN) asks for what-if replays of one prediction
 * through several model versions whose coefficients it can read; each replayed score is a
 * linear equation in the withheld inputs, so enough of them give the inputs back. Every value
 * computed from the inputs must be withheld, nothing recorded, batch replay refused; and a
 * cleared caller's replay is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { startReplayDemo, type ReplayDemo } from '../support/replay-demo';

let demo: ReplayDemo;
let predictionId: string;
let versions: string[];

const REPLAY = `query($id: ID!, $with: ID) { replay(predictionId: $id, withModelVersion: $with) {
  verdict missing recorded decisionWouldDiffer
  models { modelVersionId recordedOutput recordedScore replayedOutput replayedScore scoreDifference verdict missing }
  whatIf { modelVersionId recordedOutput recordedScore replayedOutput replayedScore scoreDifference verdict missing } } }`;

beforeAll(async () => {
  demo = await startReplayDemo({ seed: 7, predictions: 300 });
  predictionId = demo.scenario.truth.predictionId(150);
  // Linear versions of known coefficients: member, surrogate and ensemble versions.
  versions = demo.scenario.artifacts
    .filter((a) => !a.fault)
    .map((a) => a.modelVersionId)
    .slice(0, 12);
});

afterAll(async () => {
  await demo?.close();
});

describe('replay for a caller without clearance', () => {
  it('withholds every value computed from the inputs, across what-if versions', async () => {
    for (const version of versions) {
      const res = await demo.server.gql<{
        replay: Record<string, unknown> & { models: Array<Record<string, unknown>>; whatIf: Array<Record<string, unknown>> };
      }>(REPLAY, { id: predictionId, with: version }, { as: Role.ADMIN });
      expect(res.body.errors).toBeUndefined();
      const answer = res.body.data!.replay;
      expect(answer).toMatchObject({ verdict: 'NOT_REPLAYABLE', missing: 'INPUTS_WITHHELD', recorded: false, decisionWouldDiffer: null });
      for (const row of [...answer.models, ...answer.whatIf]) {
        expect(row).toMatchObject({
          recordedOutput: null,
          recordedScore: null,
          replayedOutput: null,
          replayedScore: null,
          scoreDifference: null,
          missing: 'INPUTS_WITHHELD',
        });
      }
    }
    const recorded = await demo.server.graph.services.replay.latest([predictionId]);
    expect(recorded.size).toBe(0);
  });

  it('refuses batch replay and its results', async () => {
    const { from, to } = demo.scenario.truth.servingWindow;
    const start = await demo.server.gql(`mutation { startReplayJob(from: "${from}", to: "${to}") { id } }`, {}, { as: Role.ADMIN });
    expect(start.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const cleared = await demo.server.gql<{ startReplayJob: { id: string } }>(
      `mutation { startReplayJob(from: "${from}", to: "${to}") { id } }`,
      {},
      { as: Role.INVESTIGATOR },
    );
    const id = cleared.body.data!.startReplayJob.id;
    await demo.server.graph.services.replayJobs.settled(id);
    const read = await demo.server.gql('query($id: ID!) { replayJob(id: $id) { differingIds } }', { id }, { as: Role.ADMIN });
    expect(read.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses replay outright to roles that may not explain predictions', async () => {
    const res = await demo.server.gql(REPLAY, { id: predictionId, with: null }, { as: Role.SCIENTIST });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('replay for a cleared caller', () => {
  it('is audited with the prediction and every model version it ran', async () => {
    const res = await demo.server.gql<{ replay: { models: Array<{ modelVersionId: string }> } }>(
      REPLAY,
      { id: predictionId, with: versions[0] },
      { as: Role.INVESTIGATOR },
    );
    expect(res.body.errors).toBeUndefined();
    const log = await demo.server.gql<{ accessLog: { entries: Array<{ operation: string; targetIds: string[]; principalId: string }> } }>(
      'query ($t: String!) { accessLog(targetId: $t) { entries { operation principalId targetIds } } }',
      { t: predictionId },
      { as: Role.AUDITOR },
    );
    const entry = log.body.data!.accessLog.entries.find((e) => e.operation.includes('replay'));
    expect(entry).toBeDefined();
    expect(entry!.targetIds).toEqual(expect.arrayContaining([predictionId, versions[0], ...res.body.data!.replay.models.map((m) => m.modelVersionId)]));
  });
});
