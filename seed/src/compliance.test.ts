import { describe, expect, it } from 'vitest';
import { generateScenario } from './scenario';
import { collect } from './testing';

/**
 * Runs simple, independent compliance checks over the generated data and compares them with
 * the planted findings in the ground truth: each is found, and nothing else.
 */
const scenario = generateScenario({ seed: 3, predictions: 4_000, predictionBatchSize: 2_000 });
const { all } = collect(scenario);
const { violations } = scenario.truth;
const policy = all.ions[0]!.definition.policy!;
const versions = new Map(all.modelVersions.map((v) => [v.id, v]));
const runs = new Map(all.runs.map((r) => [r.id, r]));
const phiDatasets = new Set(all.datasets.filter((d) => d.classification === 'PHI').map((d) => d.id));
const phiVersions = new Set(all.datasetVersions.filter((v) => phiDatasets.has(v.datasetId)).map((v) => v.id));
const auc = (id: string): number => Number(versions.get(id)!.metrics!['auc']);
const sorted = (xs: string[]): string[] => [...xs].sort();

describe('planted compliance findings', () => {
  it('(a) finds exactly the deployments without an approval for the ION', () => {
    const found = all.deployments.filter(
      (d) => !all.approvals.some((a) => a.modelVersionId === d.modelVersionId && a.ionId === all.ions[0]!.id && a.decision === 'APPROVED'),
    );
    expect(found.map((d) => d.id)).toEqual(violations.unapprovedDeployments.map((v) => v.deploymentId));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.approvalId === undefined)).toBe(true);
  });

  it('(b) finds exactly the approvals by the principal who triggered the training', () => {
    const found = all.approvals.filter(
      (a) => a.decision === 'APPROVED' && runs.get(versions.get(a.modelVersionId)!.producedByRunId ?? '')?.triggeredById === a.principalId,
    );
    expect(found.map((a) => a.id)).toEqual(violations.selfApprovals.map((v) => v.approvalId));
    expect(found.length).toBeGreaterThan(0);
  });

  it('(c) finds exactly the deployments below the policy metric', () => {
    const found = all.deployments.filter((d) => auc(d.modelVersionId) < policy.minimum!);
    expect(found.map((d) => d.id)).toEqual(violations.belowMetricDeployments.map((v) => v.deploymentId));
    expect(found.length).toBeGreaterThan(0);
  });

  it('(d) finds exactly the PHI runs without a purpose', () => {
    const found = all.runs.filter((r) => !r.purpose && (r.readDatasetVersionIds ?? []).some((id) => phiVersions.has(id)));
    expect(found.map((r) => r.id)).toEqual(violations.phiWithoutPurpose.map((v) => v.runId));
    const planted = violations.phiWithoutPurpose[0]!;
    expect(all.modelVersions.filter((v) => v.producedByRunId === planted.runId).map((v) => v.id)).toEqual(planted.modelVersionIds);
  });

  it('(e) finds exactly the predictions served by a version rejected (at the time) or retired', () => {
    const rejectedAt = new Map<string, string>();
    for (const a of all.approvals)
      if (a.decision === 'REJECTED' && (!rejectedAt.has(a.modelVersionId) || a.at < rejectedAt.get(a.modelVersionId)!)) rejectedAt.set(a.modelVersionId, a.at);
    const bad = (p: (typeof all.predictions)[number]): boolean =>
      p.modelVersionIds.some((id) => versions.get(id)!.status === 'RETIRED' || (rejectedAt.has(id) && rejectedAt.get(id)! <= p.at));
    const found = all.predictions.filter(bad).map((p) => p.id);
    expect(found.length).toBeGreaterThan(0);
    expect(sorted(found)).toEqual(sorted(violations.servedByRejectedOrRetired.flatMap((v) => v.predictionIds)));
    expect(violations.servedByRejectedOrRetired.every((v) => v.idsComplete && v.count === v.predictionIds.length)).toBe(true);
  });

  it('(f) finds exactly the predictions without a model version', () => {
    const found = all.predictions.filter((p) => p.modelVersionIds.length === 0).map((p) => p.id);
    expect(found.length).toBeGreaterThan(0);
    expect(sorted(found)).toEqual(sorted(violations.missingModelVersions.flatMap((v) => v.predictionIds)));
  });

  it('lists the predictions of versions rejected or retired at any time (auditor view)', () => {
    const now = new Set(all.modelVersions.filter((v) => v.status === 'REJECTED' || v.status === 'RETIRED').map((v) => v.id));
    const found = all.predictions.filter((p) => p.modelVersionIds.some((id) => now.has(id))).map((p) => p.id);
    expect(sorted(found)).toEqual(sorted(scenario.truth.servedByLaterRejectedOrRetired.flatMap((v) => v.predictionIds)));
  });
});

describe('governance shape', () => {
  it('builds ensembles whose weights sum to 1 from approved members', () => {
    const ensembles = all.modelVersions.filter((v) => v.members?.length);
    expect(ensembles.length).toBe(4);
    for (const e of ensembles) {
      expect(Math.abs(e.members!.reduce((s, m) => s + m.weight, 0) - 1)).toBeLessThan(1e-9);
      for (const m of e.members!) expect(versions.get(m.modelVersionId)!.status).toBe('APPROVED');
    }
  });

  it('has named human rejections with comments, automatic gate rejections, and a retired version', () => {
    const humans = new Set(all.principals.filter((p) => p.kind === 'HUMAN').map((p) => p.id));
    const rejections = all.approvals.filter((a) => a.decision === 'REJECTED');
    expect(rejections.some((a) => humans.has(a.principalId) && (a.comment ?? '').length > 10)).toBe(true);
    expect(all.modelVersions.some((v) => v.status === 'RETIRED')).toBe(true);
    for (const a of rejections.filter((r) => r.principalId === 'prn-svc-policy-engine')) expect(auc(a.modelVersionId)).toBeLessThan(policy.minimum!);
  });

  it('rolls back: a newer version replaced, then the previous one deployed again', () => {
    const { rollback } = scenario.truth;
    const inference = all.deployments.filter((d) => d.pipelineNodeId === 'pn-ct-inference');
    const at = inference.findIndex((d) => d.id === rollback.deploymentId);
    expect(inference[at - 1]!.id).toBe(rollback.replacedDeploymentId);
    expect(inference.slice(0, at - 1).some((d) => d.modelVersionId === rollback.modelVersionId)).toBe(true);
  });

  it('runs searches where only the best sibling produces a version', () => {
    for (const g of scenario.truth.searchGroups) {
      const members = all.runs.filter((r) => r.searchGroupId === g.searchGroupId).map((r) => r.id);
      expect(members).toEqual(g.runIds);
      expect(all.modelVersions.filter((v) => g.runIds.includes(v.producedByRunId ?? '')).map((v) => v.id)).toEqual([g.modelVersionId]);
      const best = Math.max(...g.runIds.map((id) => Number(all.stages.find((s) => s.id === `${id}/evaluate`)?.stats?.['auc'] ?? -1)));
      expect(auc(g.modelVersionId)).toBe(best);
    }
  });
});
