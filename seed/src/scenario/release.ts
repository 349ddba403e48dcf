/**
 * Release approval of ensembles and surrogates (including the recall of ensemble v3) and the
 * deployments to the inference and control nodes, each authorized by its approval.
 */
import type { ApprovalInput, DeploymentInput } from '@ion-lineage/contract';
import { ION_ID } from './catalog';
import { type Clock } from './clock';
import type { BuiltVersion } from './ensemble';
import { addPolicyRun, approvalId } from './governance';
import { DEPLOYMENTS, ENSEMBLE_BUILDS, NODE, SURROGATE_BUILDS } from './plan';
import type { FullBundle } from './types';

/** Built versions by their plan name: 'legacy', 'ensemble:<n>', 'surrogate:<n>'. */
export type VersionIndex = Map<string, BuiltVersion>;

function approve(
  base: FullBundle,
  clock: Clock,
  version: BuiltVersion,
  review: { day: number; hour: number; byId: string; comment: string },
  runId: string,
  suffix = '',
  decision: ApprovalInput['decision'] = 'APPROVED',
): void {
  const startMs = clock.ms(review.day, review.hour);
  addPolicyRun(base, clock, runId, NODE.release, startMs - 15 * 60_000, startMs + 30 * 60_000, 1);
  if (startMs <= version.createdMs) throw new Error(`release review of ${version.versionId} before it exists`);
  base.approvals.push({
    id: approvalId(version.versionId, suffix),
    modelVersionId: version.versionId,
    ionId: ION_ID,
    principalId: review.byId,
    decision,
    at: clock.iso(review.day, review.hour),
    comment: review.comment,
    policyRunId: runId,
  });
}

/** Adds release reviews (policy runs and approvals) for ensembles, surrogates and the legacy model. */
export function addReleaseApprovals(base: FullBundle, clock: Clock, versions: VersionIndex): void {
  const legacy = versions.get('legacy');
  if (legacy) {
    // Approved before the ION had a policy node, so no policy run records it.
    base.approvals.push({
      id: approvalId(legacy.versionId),
      modelVersionId: legacy.versionId,
      ionId: ION_ID,
      principalId: 'prn-alice-moreno',
      decision: 'APPROVED',
      at: clock.iso(-31, 10),
      comment: 'Uploaded baseline validated on the 2025 retrospective cohort.',
    });
  }
  for (const build of SURROGATE_BUILDS) {
    const version = versions.get(`surrogate:${build.version}`);
    if (version && build.review) approve(base, clock, version, build.review, `run-policy-release-surrogate-v${build.version}`);
  }
  for (const build of ENSEMBLE_BUILDS) {
    const version = versions.get(`ensemble:${build.version}`);
    if (!version) continue;
    approve(
      base,
      clock,
      version,
      { day: build.day, hour: 16, byId: build.reviewerId, comment: 'Ensemble validation report reviewed; AUC and subgroup metrics within policy.' },
      `run-policy-release-ensemble-v${build.version}`,
    );
  }
  // Recalls are listed after every first decision so approvals stay in time order per version.
  for (const build of ENSEMBLE_BUILDS) {
    const version = versions.get(`ensemble:${build.version}`);
    if (!version || !build.recall) continue;
    const [day, hour] = build.recall.at;
    approve(
      base,
      clock,
      version,
      { day, hour, byId: build.recall.byId, comment: build.recall.comment },
      `run-policy-release-ensemble-v${build.version}-recall`,
      '-recall',
      'REJECTED',
    );
  }
}

/** Adds the deployments; each points at its version's APPROVED decision, if there is one. */
export function addDeployments(base: FullBundle, clock: Clock, versions: VersionIndex): void {
  const approvedBy = new Map<string, string>();
  for (const a of base.approvals) if (a.decision === 'APPROVED') approvedBy.set(a.modelVersionId, a.id);
  for (const plan of DEPLOYMENTS) {
    const version = versions.get(plan.model);
    if (!version) throw new Error(`deployment ${plan.id}: unknown model '${plan.model}'`);
    const deployment: DeploymentInput = {
      id: plan.id,
      modelVersionId: version.versionId,
      pipelineNodeId: plan.node === 'inference' ? NODE.inference : NODE.canary,
      role: plan.role,
      from: clock.iso(plan.from[0], plan.from[1]),
    };
    if (plan.to) deployment.to = clock.iso(plan.to[0], plan.to[1]);
    const approval = approvedBy.get(version.versionId);
    if (approval) deployment.approvalId = approval;
    base.deployments.push(deployment);
  }
}
