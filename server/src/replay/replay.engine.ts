/**
 * Runs a model version on recorded inputs: a single version from its verified ONNX artifact,
 * an ensemble through its members combined by its recorded rule and weights. Batched: one
 * session run per version for any number of rows.
 */
import type { ModelResult } from './onnx-format';
import type { LoadFailure, ModelCache } from './model-cache';
import { type InputRow, OnnxModel } from './onnx-model';

/** A model version as replay reads it from the graph. */
export interface VersionSpec {
  id: string;
  format: string | null;
  digest: string | null;
  hyperparameters: Record<string, unknown> | null;
  inputSchema: Record<string, unknown> | null;
  /** Ensemble members with their recorded weights (empty for a single model). */
  members: Array<VersionSpec & { weight: number | null }>;
}

export type MissingIngredient = LoadFailure['missing'];

/** What running one version gave: per-row results, or the missing ingredient. Members are listed for ensembles. */
export type Evaluation = {
  versionId: string;
  members: Array<{ weight: number | null; evaluation: Evaluation }>;
} & ({ ok: true; results: ModelResult[]; lowestLabel?: string } | { ok: false; missing: MissingIngredient; detail: string });

/** Combination rules replay knows, by the name an ensemble records in `hyperparameters.combination`. */
export const COMBINATIONS = ['weighted-mean-logit', 'weighted-mean-probability'] as const;

const logitOf = (r: ModelResult): number | null => r.logit ?? (r.score === null ? null : Math.log(r.score / (1 - r.score)));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function featuresOf(spec: VersionSpec): string[] | undefined {
  const features = spec.inputSchema?.['features'];
  return Array.isArray(features) && features.every((f) => typeof f === 'string') ? (features as string[]) : undefined;
}

/** Class of a combined score by the ensemble's recorded thresholds (`hyperparameters.scoring.thresholds`). */
function classOf(spec: VersionSpec, score: number, lowest: string | undefined): string | null {
  const scoring = spec.hyperparameters?.['scoring'] as { thresholds?: Record<string, number> } | undefined;
  const thresholds = Object.entries(scoring?.thresholds ?? {}).sort((a, b) => b[1] - a[1]);
  return thresholds.find(([, t]) => score >= t)?.[0] ?? lowest ?? null;
}

export class ReplayEngine {
  constructor(readonly models: ModelCache) {}

  /** Runs `spec` on every row. */
  async evaluate(spec: VersionSpec, rows: readonly InputRow[]): Promise<Evaluation> {
    if (spec.members.length > 0) return this.ensemble(spec, rows);
    const base = { versionId: spec.id, members: [] };
    if (spec.format !== 'ONNX') return { ...base, ok: false, missing: 'UNSUPPORTED_FORMAT', detail: `format ${spec.format ?? 'unknown'} is not ONNX` };
    const model = await this.models.load(spec.digest, featuresOf(spec));
    if (!(model instanceof OnnxModel)) return { ...base, ok: false, ...model };
    return { ...base, ok: true, results: await model.run(rows), lowestLabel: model.lowestLabel };
  }

  private async ensemble(spec: VersionSpec, rows: readonly InputRow[]): Promise<Evaluation> {
    const members = await Promise.all(
      spec.members.map(async (m) => ({ weight: m.weight ?? recordedWeight(spec, m.id), evaluation: await this.evaluate({ ...m, members: [] }, rows) })),
    );
    const base = { versionId: spec.id, members };
    const rule = spec.hyperparameters?.['combination'];
    if (!COMBINATIONS.includes(rule as never))
      return {
        ...base,
        ok: false,
        missing: 'UNSUPPORTED_FORMAT',
        detail: `combination rule ${JSON.stringify(rule ?? null)} is not one of ${COMBINATIONS.join(', ')}`,
      };
    const failed = members.find((m) => !m.evaluation.ok);
    if (failed && !failed.evaluation.ok)
      return { ...base, ok: false, missing: failed.evaluation.missing, detail: `member ${failed.evaluation.versionId}: ${failed.evaluation.detail}` };
    if (members.some((m) => m.weight === null)) return { ...base, ok: false, missing: 'UNSUPPORTED_FORMAT', detail: 'a member has no recorded weight' };
    const lowest = members.map((m) => (m.evaluation.ok ? m.evaluation.lowestLabel : undefined)).find(Boolean);
    const results = rows.map((_, r) => {
      let sum = 0;
      for (const m of members) {
        const result = (m.evaluation as { results: ModelResult[] }).results[r]!;
        const value = rule === 'weighted-mean-logit' ? logitOf(result) : result.score;
        if (value === null) return { score: null, output: null, logit: null };
        sum += m.weight! * value;
      }
      const score = rule === 'weighted-mean-logit' ? sigmoid(sum) : sum;
      return { score, output: classOf(spec, score, lowest), logit: rule === 'weighted-mean-logit' ? sum : null };
    });
    return { ...base, ok: true, results, lowestLabel: lowest };
  }
}

/** A member's weight from the ensemble's `hyperparameters.weights` when the membership edge carries none. */
function recordedWeight(spec: VersionSpec, memberId: string): number | null {
  const weights = spec.hyperparameters?.['weights'];
  const w = weights && typeof weights === 'object' ? (weights as Record<string, unknown>)[memberId] : undefined;
  return typeof w === 'number' ? w : null;
}
