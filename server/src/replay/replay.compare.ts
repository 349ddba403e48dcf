/**
 * Turns evaluations into the per-model rows of a replay answer and its verdict. Pure.
 * REPRODUCED: same output and |replayed − recorded score| ≤ REPLAY_TOLERANCE.
 */
import type { Evaluation } from './replay.engine';
import { REPLAY_TOLERANCE } from './onnx-format';
import { ReplayMissing, ReplayRole, ReplayVerdict } from './replay.enums';
import type { ReplayModelResult } from './replay.types';

export { REPLAY_TOLERANCE };
/** Float slack on top of the tolerance (different summation order, float64). */
const EPSILON = 1e-9;

/** What the prediction recorded. */
export interface Recorded {
  output: string | null;
  score: number | null;
}

const RANK: Record<ReplayVerdict, number> = { REPRODUCED: 0, DIFFERS: 1, NOT_REPLAYABLE: 2 };

/** The worst of some verdicts (REPRODUCED when there are none). */
export function worst<T extends { verdict: ReplayVerdict; missing: ReplayMissing | null }>(
  rows: readonly T[],
): { verdict: ReplayVerdict; missing: ReplayMissing | null } {
  return rows.reduce<{ verdict: ReplayVerdict; missing: ReplayMissing | null }>((a, b) => (RANK[b.verdict] > RANK[a.verdict] ? b : a), {
    verdict: ReplayVerdict.REPRODUCED,
    missing: null,
  });
}

/** Compares one row's replayed result with the recorded one. */
export function verdictOf(
  recorded: Recorded,
  replayed: { output: string | null; score: number | null },
): { verdict: ReplayVerdict; difference: number | null } {
  const difference = recorded.score !== null && replayed.score !== null ? replayed.score - recorded.score : null;
  const scoreOk = recorded.score === null || (difference !== null && Math.abs(difference) <= REPLAY_TOLERANCE + EPSILON);
  const outputOk = recorded.output === null || recorded.output === replayed.output;
  return { verdict: scoreOk && outputOk ? ReplayVerdict.REPRODUCED : ReplayVerdict.DIFFERS, difference };
}

/** The rows of one evaluated version (and its members) for row `r` of the batch. */
export function resultRows(predictionId: string, evaluation: Evaluation, r: number, role: ReplayRole, recorded: Recorded): ReplayModelResult[] {
  const memberRole = role === ReplayRole.WHAT_IF ? ReplayRole.WHAT_IF_MEMBER : ReplayRole.MEMBER;
  const top: ReplayModelResult = {
    predictionId,
    modelVersionId: evaluation.versionId,
    role,
    parentModelVersionId: null,
    weight: null,
    recordedOutput: recorded.output,
    recordedScore: recorded.score,
    replayedOutput: null,
    replayedScore: null,
    scoreDifference: null,
    verdict: ReplayVerdict.NOT_REPLAYABLE,
    missing: null,
    detail: null,
  };
  if (evaluation.ok) {
    const replayed = evaluation.results[r]!;
    const { verdict, difference } = verdictOf(recorded, replayed);
    Object.assign(top, { replayedOutput: replayed.output, replayedScore: replayed.score, scoreDifference: difference, verdict });
  } else Object.assign(top, { missing: ReplayMissing[evaluation.missing], detail: evaluation.detail });
  const members = evaluation.members.map(({ weight, evaluation: m }) => {
    const [row] = resultRows(predictionId, m, r, memberRole, { output: null, score: null });
    return { ...row!, parentModelVersionId: evaluation.versionId, weight };
  });
  return [top, ...members];
}
