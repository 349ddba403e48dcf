/** What the chain records of an approval, and the check that it has not changed since. */
import type { QueryRunner } from '../store/executor';
import { type ChainBreak, type ChainEntry, canonicalJson } from './chain';

/** An approval's content as the chain records it (and re-reads it to verify). */
export type ApprovalRow = {
  id: string;
  found: boolean;
  decision: string | null;
  at: string | null;
  comment: string | null;
  contentHash: string | null;
  modelVersionId: string | null;
  ionId: string | null;
  principalId: string | null;
  policyRunId: string | null;
  chained: boolean;
};

/** Reads the approvals' current content (one query for all). */
export function approvalRows(runner: QueryRunner, ids: string[]): Promise<ApprovalRow[]> {
  return ids.length ? runner.run<ApprovalRow>('audit/approvals', { ids }) : Promise.resolve([]);
}

/** What of an approval the chain vouches for. */
export function approvalContent(row: ApprovalRow): Record<string, unknown> {
  return {
    id: row.id,
    decision: row.decision,
    at: row.at,
    comment: row.comment,
    contentHash: row.contentHash,
    modelVersionId: row.modelVersionId,
    ionId: row.ionId,
    principalId: row.principalId,
    policyRunId: row.policyRunId,
  };
}

/** APPROVAL_CHANGED when an approval entry's recorded content differs from the approval now. */
export function approvalChange(entry: ChainEntry, current: Map<string, ApprovalRow>): { reason: ChainBreak; message: string } | undefined {
  if (entry.kind !== 'approval' || !entry.approvalId) return undefined;
  const row = current.get(entry.approvalId);
  if (!row?.found) return { reason: 'APPROVAL_CHANGED', message: `approval ${entry.approvalId} recorded here no longer exists` };
  const now = canonicalJson(approvalContent(row));
  if (now !== entry.details)
    return { reason: 'APPROVAL_CHANGED', message: `approval ${entry.approvalId} differs from what was recorded: now ${now}, recorded ${entry.details}` };
  return undefined;
}
