/**
 * Replay: re-runs a recorded prediction with the exact artifacts its model versions name
 * (verified by digest), compares with what was recorded, and records the outcome on the
 * prediction. A caller without clearance for restricted data gets NOT_REPLAYABLE /
 * INPUTS_WITHHELD and nothing computed from the inputs: no replayed or what-if values, which
 * across several versions of known coefficients would give the inputs back.
 */
import { ErrorCode, LineageError, badInput } from '../errors';
import type { QueryRunner } from '../store/executor';
import type { ReplayEngine, VersionSpec } from './replay.engine';
import { REPLAY_TOLERANCE, resultRows, worst } from './replay.compare';
import { type LoadedPrediction, type PredictionRow, type VersionRow, loadedPrediction, versionSpec } from './replay.rows';
import { ReplayMissing, ReplayRole, ReplayVerdict } from './replay.enums';
import type { ReplayAlternative, ReplayAnswer, ReplayModelResult, ReplaySummary } from './replay.types';

/** Who asks, and whether they may see what the inputs give. */
export interface ReplayCaller {
  name: string;
  cleared: boolean;
}

/** The outcome of one prediction's replay, as recorded and as batch jobs count it. */
export interface ReplayOutcome {
  predictionId: string;
  verdict: ReplayVerdict;
  missing: ReplayMissing | null;
  maxScoreDifference: number | null;
  modelVersionIds: string[];
  /** For NOT_REPLAYABLE: the version that lacked the ingredient (a member rather than its ensemble). */
  culpritId: string | null;
}

const ID_LIMIT = 200;

type AlternativesRow = { modelName: string; versions: Array<{ id: string; version: string | null; status: string | null }> };
type LatestRow = { predictionId: string; verdict: ReplayVerdict; missing: ReplayMissing | null; at: string; replays: number; modelVersionIds: string[] | null };

function checkId(value: string, field: string): string {
  if (value.length === 0 || value.length > ID_LIMIT) throw badInput([{ path: field, message: `must be 1..${ID_LIMIT} characters` }]);
  return value;
}

export class ReplayService {
  constructor(
    private readonly runner: QueryRunner,
    readonly engine: ReplayEngine,
  ) {}

  /** Replays one prediction (and, when asked, runs its inputs through `withModelVersion` too). */
  async replay(predictionId: string, caller: ReplayCaller, withModelVersion?: string | null): Promise<ReplayAnswer> {
    checkId(predictionId, 'predictionId');
    if (withModelVersion !== undefined && withModelVersion !== null) checkId(withModelVersion, 'withModelVersion');
    const [row] = await this.runner.run<PredictionRow>('replay/prediction', { predictionId });
    if (!row) throw new LineageError(ErrorCode.NOT_FOUND, `No prediction ${predictionId}`);
    const prediction = loadedPrediction(row);
    const whatIfSpec = withModelVersion ? await this.version(withModelVersion) : null;
    const replayedAt = new Date().toISOString();
    const base = { predictionId, tolerance: REPLAY_TOLERANCE, replayedAt, alternatives: await this.alternatives(prediction.models.map((m) => m.id)) };
    if (!caller.cleared) return { ...base, ...withheld(prediction, whatIfSpec) };

    const [models] = await this.replayAll([prediction]);
    const outcome = outcomeOf(prediction, models!);
    let whatIf: ReplayModelResult[] = [];
    let decisionWouldDiffer: boolean | null = null;
    if (whatIfSpec && prediction.inputs) {
      const evaluation = await this.engine.evaluate(whatIfSpec, [prediction.inputs]);
      whatIf = resultRows(predictionId, evaluation, 0, ReplayRole.WHAT_IF, { output: prediction.output, score: prediction.score });
      decisionWouldDiffer = evaluation.ok ? whatIf[0]!.replayedOutput !== prediction.output : null;
    }
    await this.record([outcome], caller.name, replayedAt);
    return { ...base, verdict: outcome.verdict, missing: outcome.missing, recorded: true, models: models!, whatIf, decisionWouldDiffer };
  }

  /** The per-model rows of each prediction's replay; each distinct version runs once over every row that uses it. */
  async replayAll(predictions: readonly LoadedPrediction[]): Promise<ReplayModelResult[][]> {
    const out: ReplayModelResult[][] = predictions.map(() => []);
    const groups = new Map<string, { spec: VersionSpec; at: number[] }>();
    predictions.forEach((p, i) => {
      if (!p.inputs) return;
      for (const spec of p.models) {
        const group = groups.get(spec.id) ?? { spec, at: [] };
        group.at.push(i);
        groups.set(spec.id, group);
      }
    });
    for (const { spec, at } of groups.values()) {
      const evaluation = await this.engine.evaluate(
        spec,
        at.map((i) => predictions[i]!.inputs!),
      );
      at.forEach((i, r) => {
        const p = predictions[i]!;
        out[i]!.push(...resultRows(p.id, evaluation, r, ReplayRole.USED, { output: p.output, score: p.score }));
      });
    }
    return out;
  }

  /** Records outcomes on their predictions (one ReplayOutcome node each, updated in place). */
  async record(outcomes: readonly ReplayOutcome[], by: string, at: string): Promise<void> {
    if (outcomes.length === 0) return;
    await this.runner.run('replay/record-outcome', { rows: outcomes.map((o) => ({ ...o, tolerance: REPLAY_TOLERANCE, at, by })) });
  }

  /** The latest recorded replay of each prediction. */
  async latest(predictionIds: readonly string[]): Promise<Map<string, ReplaySummary>> {
    const rows = await this.runner.run<LatestRow>('replay/latest-outcome', { predictionIds: [...predictionIds] });
    return new Map(rows.map(({ predictionId, ...summary }) => [predictionId, { ...summary, modelVersionIds: summary.modelVersionIds ?? [] }]));
  }

  private async alternatives(modelVersionIds: string[]): Promise<ReplayAlternative[]> {
    if (modelVersionIds.length === 0) return [];
    const rows = await this.runner.run<AlternativesRow>('replay/alternatives', { modelVersionIds });
    return rows.flatMap((row) => row.versions.map((v) => ({ ...v, modelName: row.modelName })));
  }

  private async version(id: string): Promise<VersionSpec> {
    const [row] = await this.runner.run<VersionRow>('replay/model-version', { modelVersionId: id });
    if (!row) throw new LineageError(ErrorCode.NOT_FOUND, `No model version ${id} (withModelVersion)`);
    return versionSpec(row);
  }
}

/** A prediction's outcome from its per-model rows. */
export function outcomeOf(prediction: LoadedPrediction, rows: readonly ReplayModelResult[]): ReplayOutcome {
  const top = rows.filter((r) => r.role === ReplayRole.USED);
  const base = { predictionId: prediction.id, modelVersionIds: prediction.models.map((m) => m.id), culpritId: null };
  if (prediction.models.length === 0)
    return { ...base, verdict: ReplayVerdict.NOT_REPLAYABLE, missing: ReplayMissing.NO_MODEL_RECORDED, maxScoreDifference: null };
  if (!prediction.inputs) return { ...base, verdict: ReplayVerdict.NOT_REPLAYABLE, missing: ReplayMissing.NO_INPUTS, maxScoreDifference: null };
  const diffs = top.flatMap((r) => (r.scoreDifference === null ? [] : [Math.abs(r.scoreDifference)]));
  const failed = rows.filter((r) => r.verdict === ReplayVerdict.NOT_REPLAYABLE);
  const culprit = failed.find((r) => r.role === ReplayRole.MEMBER) ?? failed[0];
  return { ...base, ...worst(top), maxScoreDifference: diffs.length ? Math.max(...diffs) : null, culpritId: culprit?.modelVersionId ?? null };
}

/** The answer for a caller without clearance: which models, and nothing the inputs give. */
function withheld(prediction: LoadedPrediction, whatIf: VersionSpec | null): Omit<ReplayAnswer, 'predictionId' | 'tolerance' | 'replayedAt' | 'alternatives'> {
  const row = (id: string, role: ReplayRole): ReplayModelResult => ({
    predictionId: prediction.id,
    modelVersionId: id,
    role,
    parentModelVersionId: null,
    weight: null,
    recordedOutput: null,
    recordedScore: null,
    replayedOutput: null,
    replayedScore: null,
    scoreDifference: null,
    verdict: ReplayVerdict.NOT_REPLAYABLE,
    missing: ReplayMissing.INPUTS_WITHHELD,
    detail: 'the caller may not see restricted data, and a replay computes from the inputs',
  });
  return {
    verdict: ReplayVerdict.NOT_REPLAYABLE,
    missing: ReplayMissing.INPUTS_WITHHELD,
    recorded: false,
    models: prediction.models.map((m) => row(m.id, ReplayRole.USED)),
    whatIf: whatIf ? [row(whatIf.id, ReplayRole.WHAT_IF)] : [],
    decisionWouldDiffer: null,
  };
}
