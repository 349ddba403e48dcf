import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import type { Executor, QueryRunner } from '../store/executor';
import { type ChainBody, type ChainBreak, type ChainEntry, canonicalJson, checkLink, entryFromStore, hashBody } from './chain';

/** Who is asking and from where: the request context, or any object with these fields (REST routes). */
export interface AuditSource {
  principal?: Principal;
  requestId?: string | null;
  clientIp?: string | null;
  userAgent?: string | null;
  operationName?: string | null;
}

/** One access to record. */
export interface AuditInput {
  action: 'read' | 'write' | 'export';
  /** The GraphQL field or REST route. */
  operation: string;
  /** What was read or written; deduplicated and capped at MAX_TARGETS. */
  targetIds: readonly string[];
  /** Counts and the like, stored as canonical JSON. */
  details?: Record<string, unknown>;
}

/** An approval's content as the chain records it (and re-reads it to verify). */
type ApprovalRow = {
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

/** The outcome of `verify`. */
export interface ChainVerification {
  ok: boolean;
  /** Entries checked. */
  checked: number;
  headSeq: number;
  broken?: { seq: number; id: string; reason: ChainBreak | 'HEAD_MISMATCH'; message: string };
}

export const HEAD_ID = 'audit';
/** Targets kept per entry: a 10,000-prediction batch is one entry with counts and a sample of ids. */
export const MAX_TARGETS = 50;
const MAX_GROUP = 500;
const VERIFY_PAGE = 1000;

type Pending = { access: Omit<ChainBody, 'seq' | 'prevHash'> } | { approvals: readonly string[] } | { sweep: true };
interface Waiter {
  item: Pending;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The access audit and tamper-evident log: entries (accesses and approvals) form one hash chain.
 * Appends are group-committed: while one transaction writes, new records queue and go together
 * in the next, so concurrent requests share a transaction, and each caller awaits the commit
 * that holds its entry. Every append first takes the head node's write lock, which serializes
 * appends across processes.
 */
export class AuditLog {
  private queue: Waiter[] = [];
  private writing = false;
  /** Committed append transactions and the records they carried, since start (group commit at work: records ≥ commits). */
  readonly stats = { commits: 0, records: 0 };

  constructor(
    private readonly executor: Executor,
    /** When false, reads are not recorded (the audit-overhead benchmark only); writes always are. */
    readonly auditReads = true,
  ) {}

  /** Records one access and resolves once it is committed. */
  record(source: AuditSource, input: AuditInput): Promise<void> {
    if (input.action === 'read' && !this.auditReads) return Promise.resolve();
    const principal = source.principal;
    const targetIds = [...new Set(input.targetIds)].slice(0, MAX_TARGETS);
    return this.enqueue({
      access: {
        id: randomUUID(),
        kind: 'access',
        at: new Date().toISOString(),
        principalId: principal?.id ?? null,
        principalName: principal?.name ?? null,
        via: principal?.via ?? null,
        tokenId: principal?.tokenId ?? null,
        action: input.action,
        operation: input.operation,
        operationName: source.operationName ?? null,
        targetIds,
        clientIp: source.clientIp ?? null,
        userAgent: source.userAgent ? source.userAgent.slice(0, 300) : null,
        requestId: source.requestId ?? null,
        details: input.details ? canonicalJson(input.details) : null,
        approvalId: null,
      },
    });
  }

  /** Appends the content of these approvals to the chain (those not chained yet). */
  chainApprovals(ids: readonly string[]): Promise<void> {
    return ids.length ? this.enqueue({ approvals: [...new Set(ids)] }) : Promise.resolve();
  }

  /** Appends every approval not chained yet (written by the demo loader, or before a crash). */
  chainUnchainedApprovals(): Promise<void> {
    return this.enqueue({ sweep: true });
  }

  /** Who accessed a target, newest first; `before` is the seq cursor of the previous page. */
  async accessLog(targetId: string, limit: number, before?: number | null): Promise<ChainEntry[]> {
    const rows = await this.executor.run<{ entry: Record<string, unknown> }>('audit/access-log', {
      targetId,
      before: before ?? Number.MAX_SAFE_INTEGER,
      limit: Math.max(1, Math.min(limit, 500)),
    });
    return rows.map((row) => entryFromStore(row.entry));
  }

  /** Walks the chain from the start in pages and names the first broken entry. */
  async verify(): Promise<ChainVerification> {
    const head = (await this.executor.run<{ seq: number; hash: string | null }>('audit/head', { headId: HEAD_ID }))[0] ?? { seq: 0, hash: null };
    let previous: { seq: number; hash: string | null } = { seq: 0, hash: null };
    let checked = 0;
    for (;;) {
      const rows = await this.executor.run<{ entry: Record<string, unknown> }>('audit/entries-page', { after: previous.seq, limit: VERIFY_PAGE });
      if (rows.length === 0) break;
      const entries = rows.map((row) => entryFromStore(row.entry));
      const approvalIds = entries.flatMap((entry) => (entry.kind === 'approval' && entry.approvalId ? [entry.approvalId] : []));
      const current = new Map((await this.approvals(this.executor, approvalIds)).map((row) => [row.id, row]));
      for (const entry of entries) {
        const broken = checkLink(entry, previous) ?? approvalChange(entry, current);
        if (broken) return { ok: false, checked, headSeq: head.seq, broken: { seq: entry.seq, id: entry.id, ...broken } };
        previous = entry;
        checked++;
      }
    }
    if (previous.seq !== head.seq || previous.hash !== (head.hash ?? null)) {
      return { ok: false, checked, headSeq: head.seq, broken: { seq: previous.seq, id: '', reason: 'HEAD_MISMATCH', message: `the head names seq ${head.seq} (${head.hash ?? 'null'}) but the chain ends at seq ${previous.seq} (${previous.hash ?? 'null'}): entries were removed at the end` } };
    }
    return { ok: true, checked, headSeq: head.seq };
  }

  private enqueue(item: Pending): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const group = this.queue.splice(0, MAX_GROUP);
      try {
        await this.executor.transaction('WRITE', (tx) => this.append(tx, group.map((waiter) => waiter.item)), 'audit-append');
        this.stats.commits += 1;
        this.stats.records += group.length;
        for (const waiter of group) waiter.resolve();
      } catch (error) {
        for (const waiter of group) waiter.reject(error);
      }
    }
    this.writing = false;
  }

  /** One transaction: lock the head, resolve approvals still to chain, hash and append. Safe to re-run (driver retries). */
  private async append(tx: QueryRunner, items: Pending[]): Promise<void> {
    const head = (await tx.run<{ seq: number; hash: string | null }>('audit/lock-head', { headId: HEAD_ID }))[0]!;
    const bodies: Array<Omit<ChainBody, 'seq' | 'prevHash'>> = [];
    const approvalIds = new Set<string>();
    for (const item of items) {
      if ('access' in item) bodies.push(item.access);
      else if ('approvals' in item) item.approvals.forEach((id) => approvalIds.add(id));
      else for (const row of await tx.run<{ id: string }>('audit/unchained-approvals', { limit: 10_000 })) approvalIds.add(row.id);
    }
    const at = new Date().toISOString();
    for (const row of await this.approvals(tx, [...approvalIds])) {
      if (!row.found || row.chained) continue;
      bodies.push({
        id: randomUUID(), kind: 'approval', at, principalId: row.principalId, principalName: null, via: null, tokenId: null,
        action: 'approval', operation: null, operationName: null,
        targetIds: [row.id, row.modelVersionId, row.ionId].filter((id): id is string => Boolean(id)),
        clientIp: null, userAgent: null, requestId: null, details: canonicalJson(approvalContent(row)), approvalId: row.id,
      });
    }
    if (bodies.length === 0) return;
    let prevHash = head.hash ?? null;
    let seq = head.seq;
    const entries: ChainEntry[] = bodies.map((body) => {
      seq += 1;
      const full: ChainBody = { ...body, seq, prevHash };
      prevHash = hashBody(full);
      return { ...full, hash: prevHash };
    });
    await tx.run('audit/append', { headId: HEAD_ID, seq, hash: prevHash, entries });
  }

  private approvals(runner: QueryRunner, ids: string[]): Promise<ApprovalRow[]> {
    return ids.length ? runner.run<ApprovalRow>('audit/approvals', { ids }) : Promise.resolve([]);
  }
}

/** What of an approval the chain vouches for. */
function approvalContent(row: ApprovalRow): Record<string, unknown> {
  return {
    id: row.id, decision: row.decision, at: row.at, comment: row.comment, contentHash: row.contentHash,
    modelVersionId: row.modelVersionId, ionId: row.ionId, principalId: row.principalId, policyRunId: row.policyRunId,
  };
}

function approvalChange(entry: ChainEntry, current: Map<string, ApprovalRow>): { reason: ChainBreak; message: string } | undefined {
  if (entry.kind !== 'approval' || !entry.approvalId) return undefined;
  const row = current.get(entry.approvalId);
  if (!row?.found) return { reason: 'APPROVAL_CHANGED', message: `approval ${entry.approvalId} recorded here no longer exists` };
  const now = canonicalJson(approvalContent(row));
  if (now !== entry.details) return { reason: 'APPROVAL_CHANGED', message: `approval ${entry.approvalId} differs from what was recorded: now ${now}, recorded ${entry.details}` };
  return undefined;
}
