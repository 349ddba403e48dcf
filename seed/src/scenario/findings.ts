/**
 * The planted compliance findings and the expected counts, stated from the plan (what was
 * planted) rather than by re-running compliance checks over the data, so tests that do run
 * such checks compare against an independent answer.
 */
import type { DeploymentInput } from '@ion-lineage/contract';
import { DATASETS } from './catalog';
import { iso } from './clock';
import { datasetId } from './datasets';
import { ensembleRunId, ensembleVersionId } from './ensemble';
import { POLICY, approvalId } from './governance';
import { predictionId } from './predictions';
import { DEPLOYMENTS, ENSEMBLE_BUILDS, SURROGATE_BUILDS } from './plan';
import type { ServingRuns } from './serving-runs';
import type { ServingTimeline } from './serving';
import type { EntityCounts, FullBundle, PredictionRangeFinding, Violations } from './types';

const MAX_LISTED_IDS = 10_000;

export interface FindingsContext {
  base: FullBundle;
  timeline: ServingTimeline;
  runs: ServingRuns;
  /** The planted ad-hoc run (d). */
  adhocRunId: string;
}

/** Primary predictions of [fromMs, toMs), clipped to the serving window. */
export function rangeFinding(
  ctx: FindingsContext,
  reason: string,
  deployment: DeploymentInput,
  modelVersionId: string | null,
  fromMs: number,
  toMs: number,
): PredictionRangeFinding {
  const from = Math.max(fromMs, ctx.timeline.fromMs);
  const to = Math.min(toMs, ctx.timeline.toMs);
  const [firstIndex, endIndex] = ctx.timeline.indexRange(from, Math.max(from, to));
  const count = endIndex - firstIndex;
  const listed = Math.min(count, MAX_LISTED_IDS);
  return {
    reason,
    modelVersionId,
    deploymentId: deployment.id,
    from: iso(from),
    to: iso(Math.max(from, to)),
    firstIndex,
    endIndex,
    count,
    predictionIds: Array.from({ length: listed }, (_, k) => predictionId(firstIndex + k)),
    idsComplete: listed === count,
  };
}

function deployment(base: FullBundle, id: string): DeploymentInput {
  const d = base.deployments.find((x) => x.id === id);
  if (!d) throw new Error(`unknown deployment ${id}`);
  return d;
}

function deploymentEnd(d: DeploymentInput, fallbackMs: number): number {
  return d.to === undefined ? fallbackMs : Date.parse(d.to);
}

/** The planted findings (a)–(f). */
export function plantedViolations(ctx: FindingsContext): Violations {
  const { base } = ctx;
  const deploymentsOf = (model: string): DeploymentInput[] => DEPLOYMENTS.filter((p) => p.model === model).map((p) => deployment(base, p.id));
  const unreviewed = SURROGATE_BUILDS.filter((b) => !b.review).flatMap((b) => deploymentsOf(`surrogate:${b.version}`));
  const lowMetric = SURROGATE_BUILDS.filter((b) => b.auc !== undefined && b.auc < POLICY.minimum).flatMap((b) =>
    deploymentsOf(`surrogate:${b.version}`).map((d) => ({ d, auc: b.auc! })),
  );
  const phi = new Set(DATASETS.filter((d) => d.classification === 'PHI').map((d) => datasetId(d.key)));
  const dsvToDataset = new Map(base.datasetVersions.map((v) => [v.id, v.datasetId]));
  const adhocRun = base.runs.find((r) => r.id === ctx.adhocRunId);
  if (!adhocRun) throw new Error('planted ad-hoc run missing');
  const rejected: PredictionRangeFinding[] = [];
  for (const build of ENSEMBLE_BUILDS) {
    if (!build.recall) continue;
    const recall = base.approvals.find((a) => a.id === approvalId(ensembleVersionId(build.version), '-recall'));
    if (!recall) throw new Error(`recall of ensemble v${build.version} missing`);
    const recallMs = Date.parse(recall.at);
    for (const d of deploymentsOf(`ensemble:${build.version}`)) {
      const end = deploymentEnd(d, ctx.timeline.toMs);
      if (end > recallMs)
        rejected.push(rangeFinding(ctx, `served by ${d.modelVersionId} after its rejection`, d, d.modelVersionId, Math.max(recallMs, Date.parse(d.from)), end));
    }
  }
  const primaryAtOutage = ctx.timeline.slots[ctx.timeline.hourOf(ctx.runs.missingFromMs)]!.primary;
  return {
    unapprovedDeployments: unreviewed.map((d) => ({ deploymentId: d.id, modelVersionId: d.modelVersionId, pipelineNodeId: d.pipelineNodeId })),
    selfApprovals: ENSEMBLE_BUILDS.filter((b) => b.reviewerId === b.triggeredById).map((b) => ({
      approvalId: approvalId(ensembleVersionId(b.version)),
      principalId: b.reviewerId,
      runId: ensembleRunId(b.version),
      modelVersionId: ensembleVersionId(b.version),
    })),
    belowMetricDeployments: lowMetric.map(({ d, auc }) => ({
      deploymentId: d.id,
      modelVersionId: d.modelVersionId,
      metric: POLICY.metric,
      value: auc,
      minimum: POLICY.minimum,
    })),
    phiWithoutPurpose: [
      {
        runId: adhocRun.id,
        modelVersionIds: base.modelVersions.filter((mv) => mv.producedByRunId === adhocRun.id).map((mv) => mv.id),
        phiDatasetVersionIds: (adhocRun.readDatasetVersionIds ?? []).filter((id) => phi.has(dsvToDataset.get(id) ?? '')),
      },
    ],
    servedByRejectedOrRetired: rejected,
    missingModelVersions: [
      rangeFinding(
        ctx,
        'prediction logged without model version ids (registry outage)',
        deployment(base, primaryAtOutage.deploymentId),
        null,
        ctx.runs.missingFromMs,
        ctx.runs.missingToMs,
      ),
    ],
  };
}

/** Auditor view: predictions served by versions that are now REJECTED or RETIRED, whenever. */
export function laterRejectedOrRetired(ctx: FindingsContext): PredictionRangeFinding[] {
  const status = new Map(ctx.base.modelVersions.map((mv) => [mv.id, mv.status]));
  return ctx.base.deployments
    .filter((d) => ['REJECTED', 'RETIRED'].includes(status.get(d.modelVersionId) ?? ''))
    .filter((d) => Date.parse(d.from) < ctx.timeline.toMs && deploymentEnd(d, ctx.timeline.toMs) > ctx.timeline.fromMs)
    .map((d) =>
      rangeFinding(
        ctx,
        `served by ${d.modelVersionId}, now ${status.get(d.modelVersionId)}`,
        d,
        d.modelVersionId,
        Date.parse(d.from),
        deploymentEnd(d, ctx.timeline.toMs),
      ),
    );
}

/** Expected node counts after loading the base and every batch. */
export function expectedCounts(ctx: FindingsContext): EntityCounts {
  const { base, timeline, runs } = ctx;
  const counts: EntityCounts = {
    principals: base.principals.length,
    ions: base.ions.length,
    pipelineNodes: base.ions.reduce((n, ion) => n + ion.definition.nodes.length, 0),
    ionInstances: base.ionInstances.length,
    datasets: base.datasets.length,
    datasetVersions: base.datasetVersions.length,
    features: base.features.length,
    models: base.models.length,
    modelVersions: base.modelVersions.length,
    runs: base.runs.length,
    stages: base.stages.length,
    approvals: base.approvals.length,
    deployments: base.deployments.length,
    predictions: 2 * timeline.requests,
    events: base.events.length,
    modelLoads: base.modelLoads.length,
    requests: timeline.requests,
  };
  for (const slot of timeline.slots) {
    if (timeline.requestsInHour(slot.hour) === 0) continue;
    const hour = runs.build(slot.hour);
    counts.runs += hour.runs.length;
    counts.stages += hour.stages.length;
    counts.modelLoads += hour.modelLoads.length;
    counts.events += hour.events.length;
  }
  return counts;
}
