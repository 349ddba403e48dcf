/**
 * Walks the generated base bundle the way the "why" query walks the graph: from model versions
 * to their members, the runs that produced them, what those runs read and used, and every
 * decision taken on them. Used to derive the ground truth of a prediction.
 */
import type { ApprovalInput, EnsembleMemberInput, ModelVersionInput, RunInput } from '@ion-lineage/contract';
import type { ApprovalTruth, FullBundle } from './types';

/** Lineage of a set of model versions. */
export interface VersionLineage {
  ensembleMembers: EnsembleMemberInput[];
  trainingRunIds: string[];
  datasetVersionIds: string[];
  featureIds: string[];
  approvals: ApprovalTruth[];
}

/** Decision as the truth lists it. */
export function approvalTruth(a: ApprovalInput): ApprovalTruth {
  return { approvalId: a.id, principalId: a.principalId, decision: a.decision, ionId: a.ionId, modelVersionId: a.modelVersionId, at: a.at };
}

/** Index over the base bundle for lineage questions. */
export class LineageIndex {
  private readonly versions: Map<string, ModelVersionInput>;
  private readonly runs: Map<string, RunInput>;
  private readonly approvals = new Map<string, ApprovalInput[]>();
  private readonly cache = new Map<string, VersionLineage>();

  constructor(base: FullBundle) {
    this.versions = new Map(base.modelVersions.map((mv) => [mv.id, mv]));
    this.runs = new Map(base.runs.map((r) => [r.id, r]));
    for (const a of base.approvals) this.approvals.set(a.modelVersionId, [...(this.approvals.get(a.modelVersionId) ?? []), a]);
  }

  version(id: string): ModelVersionInput | undefined {
    return this.versions.get(id);
  }

  /** Decisions on one version, by time then id. */
  approvalsOf(versionId: string): ApprovalTruth[] {
    return (this.approvals.get(versionId) ?? []).map(approvalTruth).sort((a, b) => a.at.localeCompare(b.at) || a.approvalId.localeCompare(b.approvalId));
  }

  /** Lineage of the given versions and, recursively, their ensemble members. */
  lineage(versionIds: readonly string[]): VersionLineage {
    const key = versionIds.join('|');
    const cached = this.cache.get(key);
    if (cached) return cached;
    const all = new Set<string>();
    const ensembleMembers: EnsembleMemberInput[] = [];
    const visit = (id: string, top: boolean): void => {
      if (all.has(id)) return;
      all.add(id);
      for (const m of this.versions.get(id)?.members ?? []) {
        if (top) ensembleMembers.push({ ...m });
        visit(m.modelVersionId, false);
      }
    };
    for (const id of versionIds) visit(id, true);
    const runs = new Set<string>();
    const datasets = new Set<string>();
    const features = new Set<string>();
    for (const id of all) {
      const runId = this.versions.get(id)?.producedByRunId;
      const run = runId ? this.runs.get(runId) : undefined;
      if (!run) continue;
      runs.add(run.id);
      run.readDatasetVersionIds?.forEach((d) => datasets.add(d));
      run.usedFeatureIds?.forEach((f) => features.add(f));
    }
    const sorted = (s: Set<string>): string[] => [...s].sort();
    const approvals = [...all].flatMap((id) => this.approvalsOf(id)).sort((a, b) => a.at.localeCompare(b.at) || a.approvalId.localeCompare(b.approvalId));
    const result = { ensembleMembers, trainingRunIds: sorted(runs), datasetVersionIds: sorted(datasets), featureIds: sorted(features), approvals };
    this.cache.set(key, result);
    return result;
  }
}
