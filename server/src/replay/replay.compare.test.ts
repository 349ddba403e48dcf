import { describe, expect, it } from 'vitest';
import { REPLAY_TOLERANCE } from './onnx-format';
import { resultRows, verdictOf, worst } from './replay.compare';
import { ReplayMissing, ReplayRole, ReplayVerdict } from './replay.enums';
import type { Evaluation } from './replay.engine';
import { outcomeOf } from './replay.service';

const ok = (versionId: string, score: number, output: string, members: Evaluation['members'] = []): Evaluation => ({
  versionId,
  members,
  ok: true,
  results: [{ score, output, logit: null }],
});

describe('replay verdicts', () => {
  it('reproduces within the tolerance and the same output, and differs past it', () => {
    expect(verdictOf({ output: 'MRI', score: 0.5 }, { output: 'MRI', score: 0.5 + REPLAY_TOLERANCE }).verdict).toBe(ReplayVerdict.REPRODUCED);
    expect(verdictOf({ output: 'MRI', score: 0.5 }, { output: 'MRI', score: 0.5 + 2 * REPLAY_TOLERANCE }).verdict).toBe(ReplayVerdict.DIFFERS);
    expect(verdictOf({ output: 'MRI', score: 0.5 }, { output: 'CT_SCAN', score: 0.5 }).verdict).toBe(ReplayVerdict.DIFFERS);
    expect(verdictOf({ output: 'MRI', score: 0.5 }, { output: 'MRI', score: null }).verdict).toBe(ReplayVerdict.DIFFERS);
  });

  it('takes the worst verdict, NOT_REPLAYABLE over DIFFERS over REPRODUCED', () => {
    const rows = [
      { verdict: ReplayVerdict.DIFFERS, missing: null },
      { verdict: ReplayVerdict.NOT_REPLAYABLE, missing: ReplayMissing.NO_ARTIFACT },
      { verdict: ReplayVerdict.REPRODUCED, missing: null },
    ];
    expect(worst(rows)).toEqual({ verdict: ReplayVerdict.NOT_REPLAYABLE, missing: ReplayMissing.NO_ARTIFACT });
    expect(worst([])).toEqual({ verdict: ReplayVerdict.REPRODUCED, missing: null });
  });

  it('lists an ensemble with its members, and names the member that lacked the artifact', () => {
    const broken: Evaluation = { versionId: 'm2', members: [], ok: false, missing: 'DIGEST_MISMATCH', detail: 'artifact is corrupt' };
    const ensemble: Evaluation = {
      versionId: 'e1',
      members: [
        { weight: 0.4, evaluation: ok('m1', 0.3, 'NO_TEST') },
        { weight: 0.6, evaluation: broken },
      ],
      ok: false,
      missing: 'DIGEST_MISMATCH',
      detail: 'member m2: artifact is corrupt',
    };
    const rows = resultRows('p1', ensemble, 0, ReplayRole.USED, { output: 'MRI', score: 0.5 });
    expect(rows.map((r) => [r.modelVersionId, r.role, r.parentModelVersionId, r.weight, r.verdict])).toEqual([
      ['e1', ReplayRole.USED, null, null, ReplayVerdict.NOT_REPLAYABLE],
      ['m1', ReplayRole.MEMBER, 'e1', 0.4, ReplayVerdict.REPRODUCED],
      ['m2', ReplayRole.MEMBER, 'e1', 0.6, ReplayVerdict.NOT_REPLAYABLE],
    ]);
    const prediction = {
      id: 'p1',
      inputs: { x: 1 },
      output: 'MRI',
      score: 0.5,
      runId: 'r',
      models: [{ id: 'e1', format: null, digest: null, hyperparameters: null, inputSchema: null, members: [] }],
    };
    expect(outcomeOf(prediction, rows)).toMatchObject({ verdict: ReplayVerdict.NOT_REPLAYABLE, missing: ReplayMissing.DIGEST_MISMATCH, culpritId: 'm2' });
  });

  it('says what is missing when the prediction names no model or has no inputs', () => {
    const base = { id: 'p', output: 'MRI', score: 0.5, runId: null };
    expect(outcomeOf({ ...base, inputs: { x: 1 }, models: [] }, [])).toMatchObject({ missing: ReplayMissing.NO_MODEL_RECORDED });
    const models = [{ id: 'v', format: 'ONNX', digest: null, hyperparameters: null, inputSchema: null, members: [] }];
    expect(outcomeOf({ ...base, inputs: null, models }, [])).toMatchObject({ missing: ReplayMissing.NO_INPUTS });
  });
});
