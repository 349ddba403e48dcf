/**
 * Ground truth: what a correct service answers about any prediction, plus named samples, the
 * planted findings and the expected counts.
 */
import type { Clock } from './clock';
import { driftTruth } from './drift';
import { NODE } from './plan';
import { expectedCounts, laterRejectedOrRetired, plantedViolations, type FindingsContext } from './findings';
import type { LineageIndex } from './lineage';
import { predictionId, type PredictionFactory } from './predictions';
import type { GroundTruth, PredictionTruth, SampleLabel, SamplePrediction, TriageOutput } from './types';

export interface TruthContext extends FindingsContext {
  seed: number;
  clock: Clock;
  factory: PredictionFactory;
  lineage: LineageIndex;
  searchGroups: GroundTruth['searchGroups'];
}

/** The expected "why" answer of primary prediction `index`. */
export function truthOf(ctx: TruthContext, index: number): PredictionTruth {
  if (!Number.isInteger(index) || index < 0 || index >= ctx.timeline.requests)
    throw new RangeError(`prediction index ${index} outside [0, ${ctx.timeline.requests})`);
  const { primary, control, hour } = ctx.factory.make(index);
  const slot = ctx.timeline.slots[hour]!;
  const lineage = structuredClone(ctx.lineage.lineage(primary.modelVersionIds));
  return {
    index,
    predictionId: primary.id,
    requestId: primary.requestId,
    subjectKey: primary.subjectKey,
    at: primary.at,
    output: primary.output as TriageOutput,
    score: primary.score ?? 0,
    controlPredictionId: control.id,
    controlOutput: control.output as TriageOutput,
    controlDiffers: control.output !== primary.output,
    inferenceRunId: primary.runId,
    controlRunId: control.runId,
    modelVersionIds: [...primary.modelVersionIds],
    deployedModelVersionId: slot.primary.modelVersionId,
    deploymentId: slot.primary.deploymentId,
    ...lineage,
    controlModelVersionIds: [...control.modelVersionIds],
    controlDeploymentId: slot.control.deploymentId,
    controlApprovals: control.modelVersionIds.flatMap((id) => ctx.lineage.approvalsOf(id)),
    eventIds: ctx.runs
      .events(slot, 0)
      .map((e) => e.id)
      .sort(),
  };
}

/** First index at or after day/hour whose truth satisfies `accept` (scanning at most 10 000), or null. */
function findFrom(ctx: TruthContext, day: number, hour: number, accept: (t: PredictionTruth) => boolean): PredictionTruth | null {
  const n = ctx.timeline.requests;
  if (n === 0) return null;
  const start = Math.min(ctx.timeline.firstIndexAtOrAfter(ctx.clock.ms(day, hour)), n - 1);
  for (let i = start; i < Math.min(n, start + 10_000); i++) {
    const t = truthOf(ctx, i);
    if (accept(t)) return t;
  }
  return null;
}

/**
 * Named examples. A sample is listed only when its property holds, which it does for every
 * label once there are about 1 000 predictions or more (smaller scenarios leave some out).
 */
function buildSamples(ctx: TruthContext, violations: GroundTruth['violations'], rollbackId: string): SamplePrediction[] {
  const samples: SamplePrediction[] = [];
  const add = (label: SampleLabel, t: PredictionTruth | null, extra: Partial<SamplePrediction> = {}): void => {
    if (t) samples.push({ label, expected: t, ...extra });
  };
  add(
    'ensemble',
    findFrom(ctx, 6, 10, (t) => t.ensembleMembers.length === 3),
  );
  add(
    'rollback',
    findFrom(ctx, 22, 10, (t) => t.deploymentId === rollbackId),
  );
  const rejected = violations.servedByRejectedOrRetired[0];
  if (rejected && rejected.count > 0) add('rejected-model', truthOf(ctx, rejected.firstIndex + Math.floor(rejected.count / 2)));
  add(
    'control-differs',
    findFrom(ctx, 8, 12, (t) => t.controlDiffers),
  );
  add(
    'control-agrees',
    findFrom(ctx, 9, 12, (t) => !t.controlDiffers),
  );
  const repeat = ctx.factory.repeatIndices;
  if (repeat.length > 1) add('repeat-subject', truthOf(ctx, repeat[0]!), { subjectPredictionIds: repeat.map(predictionId) });
  const missing = violations.missingModelVersions[0];
  if (missing && missing.count > 0) add('missing-model-version', truthOf(ctx, missing.firstIndex));
  const unapproved = new Set(violations.unapprovedDeployments.map((v) => v.deploymentId));
  add(
    'unapproved-control',
    findFrom(ctx, 23, 14, (t) => unapproved.has(t.controlDeploymentId)),
  );
  return samples;
}

/** Assembles the ground truth. */
export function buildTruth(ctx: TruthContext, startDate: string, replay: GroundTruth['replay']): GroundTruth {
  const violations = plantedViolations(ctx);
  const rollbackPlan = ctx.base.deployments.find((d, i) =>
    ctx.base.deployments.slice(0, i).some((e) => e.pipelineNodeId === d.pipelineNodeId && e.modelVersionId === d.modelVersionId),
  );
  if (!rollbackPlan) throw new Error('the plan has no rollback');
  const replaced = ctx.base.deployments.find((d) => d.pipelineNodeId === rollbackPlan.pipelineNodeId && d.to === rollbackPlan.from);
  if (!replaced) throw new Error('the rollback replaces nothing');
  return {
    seed: ctx.seed,
    startDate,
    requests: ctx.timeline.requests,
    servingWindow: { from: new Date(ctx.timeline.fromMs).toISOString(), to: new Date(ctx.timeline.toMs).toISOString() },
    counts: expectedCounts(ctx),
    searchPolicy: 'best-only',
    searchGroups: ctx.searchGroups,
    violations,
    servedByLaterRejectedOrRetired: laterRejectedOrRetired(ctx),
    rollback: {
      deploymentId: rollbackPlan.id,
      modelVersionId: rollbackPlan.modelVersionId,
      replacedDeploymentId: replaced.id,
      replacedModelVersionId: replaced.modelVersionId,
      at: rollbackPlan.from,
    },
    samples: buildSamples(ctx, violations, rollbackPlan.id),
    replay,
    drift: driftTruth(ctx.clock, [NODE.inference, NODE.canary]),
    predictionId,
    truthForPrediction: (index) => truthOf(ctx, index),
  };
}
