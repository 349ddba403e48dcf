/**
 * Policy nodes: the daily member review (automatic metric gate, then a human decision) and the
 * shared helper that records a policy run with its stages.
 */
import type { ApprovalInput } from '@ion-lineage/contract';
import { forkRng, type Rng } from '../random';
import { ION_ID, MEMBER_REVIEWERS } from './catalog';
import { iso, type Clock } from './clock';
import { instanceIdForDay } from './ion';
import { NODE } from './plan';
import { chain, stagesFor } from './stages';
import type { TrainedVersion } from './training';
import type { FullBundle } from './types';

/** The ION policy, repeated here because the seed enforces it while generating. */
export const POLICY = { metric: 'auc', minimum: 0.8 } as const;

const APPROVE_COMMENTS = [
  'Metrics within policy; spot-checked 20 cases against radiology reports.',
  'Approved: calibration and subgroup AUCs within tolerance.',
  'Reviewed validation report; no regressions on pediatric or 80+ subgroups.',
];
const REJECT_COMMENTS = [
  'Rejected: calibration off for patients over 80 (ECE 0.09).',
  'Rejected: sensitivity dropped on the pediatric subgroup.',
  'Rejected: training window missed the LIS backfill; retrain after the fix.',
];

/** Approval id of a decision on a model version (one decision per version, plus recalls). */
export function approvalId(modelVersionId: string, suffix = ''): string {
  return `apr-${modelVersionId.replace(/^mv-/, '')}${suffix}`;
}

/** Records a POLICY run (gate → review → publish) on `nodeId` between two instants. */
export function addPolicyRun(base: FullBundle, clock: Clock, runId: string, nodeId: string, startMs: number, endMs: number, reviewed: number): void {
  base.runs.push({
    id: runId,
    pipelineNodeId: nodeId,
    instanceId: instanceIdForDay(clock, clock.dayOf(startMs)),
    kind: 'POLICY',
    startedAt: iso(startMs),
    endedAt: iso(endMs),
    status: 'COMPLETED',
    params: { metric: POLICY.metric, minimum: POLICY.minimum, requiresApproval: true },
    engine: 'ion-policy-engine',
    engineVersion: '1.8.2',
    host: 'policy-01.ml.stmarys.internal',
    triggeredById: 'prn-svc-policy-engine',
  });
  base.stages.push(
    ...stagesFor(
      runId,
      chain([
        { name: 'metric-gate', type: 'policy-check', stats: { reviewed } },
        { name: 'human-review', type: 'approval', stats: { reviewed } },
        { name: 'publish', type: 'publish', stats: { reviewed } },
      ]),
    ),
  );
}

/** The decision taken on a submitted member version. */
export interface MemberDecision {
  approved: boolean;
  atMs: number;
}

function decide(rng: Rng, version: TrainedVersion, day: number, slot: number, clock: Clock, runId: string): ApprovalInput {
  const base = { id: approvalId(version.versionId), modelVersionId: version.versionId, ionId: ION_ID, policyRunId: runId };
  if (version.auc < POLICY.minimum) {
    // The policy engine rejects below-minimum versions before any human sees them.
    return {
      ...base,
      principalId: 'prn-svc-policy-engine',
      decision: 'REJECTED',
      at: clock.iso(day, 9, 5 + slot),
      comment: `Automatic: auc ${version.auc} below policy minimum ${POLICY.minimum}.`,
    };
  }
  const principalId = rng.pick(MEMBER_REVIEWERS);
  const rejected = day > 0 && rng.chance(0.1);
  return {
    ...base,
    principalId,
    decision: rejected ? 'REJECTED' : 'APPROVED',
    at: clock.iso(day, 9, 30 + slot * 20),
    comment: rng.pick(rejected ? REJECT_COMMENTS : APPROVE_COMMENTS),
  };
}

/** Reviews every submitted member version on its day; sets statuses; returns the decisions. */
export function addMemberReview(base: FullBundle, clock: Clock, seed: number, submitted: readonly TrainedVersion[]): Map<string, MemberDecision> {
  const rng = forkRng(seed, 'member-review');
  const decisions = new Map<string, MemberDecision>();
  const byDay = new Map<number, TrainedVersion[]>();
  for (const v of submitted) byDay.set(v.day, [...(byDay.get(v.day) ?? []), v]);
  const versions = new Map(base.modelVersions.map((mv) => [mv.id, mv]));
  for (const [day, list] of byDay) {
    const runId = `run-policy-member-review-${clock.dateTag(day)}`;
    addPolicyRun(base, clock, runId, NODE.memberReview, clock.ms(day, 9), clock.ms(day, 11), list.length);
    list.forEach((version, slot) => {
      const approval = decide(rng, version, day, slot, clock, runId);
      base.approvals.push(approval);
      const atMs = Date.parse(approval.at);
      if (atMs <= version.createdMs) throw new Error(`review of ${version.versionId} before it exists`);
      decisions.set(version.versionId, { approved: approval.decision === 'APPROVED', atMs });
      const mv = versions.get(version.versionId);
      if (mv) mv.status = approval.decision === 'APPROVED' ? 'APPROVED' : 'REJECTED';
    });
  }
  return decisions;
}
