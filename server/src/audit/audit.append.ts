import { randomUUID } from 'node:crypto';
import type { Executor, QueryRunner } from '../store/executor';
import { approvalContent, approvalRows } from './approval-entries';
import { HEAD_ID } from './audit.verify';
import { type ChainBody, type ChainEntry, canonicalJson, entryFromStore, hashBody, KEYED_ALG } from './chain';

/** An entry's content before it is numbered, linked and hashed. */
export type EntryBody = Omit<ChainBody, 'seq' | 'prevHash' | 'alg'>;

/** What a group of queued work asks the chain to record. */
export type Pending = { access: EntryBody } | { approvals: readonly string[] } | { sweep: true } | { seal: true };

/** A chain head: its last entry and, for an instance chain, the rest of its reserved seq block. */
export interface Head {
  seq: number;
  hash: string | null;
  next: number | null;
  blockEnd: number | null;
}

/** The head after an append, for the signed checkpoints. */
export interface AppendedHead {
  seq: number;
  hash: string;
  chain?: string;
}

/** Seqs an instance chain reserves at a time: one short lock on the shared counter per block. */
const SEQ_BLOCK = 1000;
/** Most groups sent locked after a run of conflicts before the next optimistic attempt. */
const MAX_BACKOFF = 64;

/**
 * Appends groups of entries to one chain. The head this instance last wrote is kept in memory,
 * so a group of accesses is hashed here and written by one auto-commit statement that checks
 * the stored head is still that one: one round trip instead of a managed transaction's
 * lock-head, append and commit. When the check fails (another writer on the same chain: a
 * second process with the same chain id, the default shared chain, a restart), nothing was
 * written; the group then goes through the locked transaction, which re-reads the head under
 * its write lock and re-hashes, so it cannot conflict. Approvals, the sweep and the seal, which
 * read the graph, the first append and a new seq block always take the locked path.
 */
export class ChainAppender {
  /** The stored head as of this instance's last append; undefined until one committed. */
  private known: Head | undefined;
  /** Groups written in one statement, and groups whose remembered head had moved (then locked). */
  readonly stats = { optimistic: 0, conflicts: 0, locked: 0 };
  /**
   * Groups still to send straight to the locked path, and how many the next conflict skips:
   * when another writer keeps moving the head (instances sharing the default chain), each
   * optimistic attempt would cost a wasted round trip, so after a conflict the next 1, 2, 4 …
   * 64 groups go locked; a success resets it.
   */
  private skip = 0;
  private backoff = 0;

  constructor(
    private readonly executor: Executor,
    private readonly chainKey: Buffer,
    /** This instance's chain; null for the default chain. */
    private readonly chain: string | null,
    /** False: every group takes the locked transaction (AUDIT_APPEND=locked, to measure the difference). */
    private readonly optimistic = true,
  ) {}

  /** Appends the group to this instance's chain; resolves with the new head once committed (undefined: nothing to append). */
  async append(items: readonly Pending[]): Promise<AppendedHead | undefined> {
    const tryFast = this.optimistic && this.skip === 0;
    if (this.skip > 0) this.skip -= 1;
    const fast = tryFast && this.known && items.every((item) => 'access' in item) ? this.plan(this.known, items) : undefined;
    if (fast) {
      try {
        const [row] = await this.executor.writeOnce<{ appended: number }>('audit/append-if-head', fast.params, 'audit-append');
        if (Number(row?.appended) === fast.entries.length) {
          this.stats.optimistic += 1;
          this.backoff = 0;
          this.known = fast.after;
          return fast.result;
        }
        this.stats.conflicts += 1;
        this.backoff = Math.min(MAX_BACKOFF, Math.max(1, this.backoff * 2));
        this.skip = this.backoff;
      } catch {
        // A failed statement wrote nothing (it is one transaction): the locked path re-reads the
        // head and tries again, with the driver's retries, and reports its own failure.
      }
    }
    this.stats.locked += 1;
    const { head, result } = await this.executor.transaction('WRITE', (tx) => this.lockedAppend(tx, items, this.chain), 'audit-append');
    this.known = head;
    return result;
  }

  /**
   * Appends access entries inside the caller's write transaction, so they commit with its data
   * or not at all. The caller holds this process's append turn (AuditLog) until the transaction
   * has ended and adopts the returned head once it has committed. The one-statement append is
   * tried against the remembered head; when the head moved (another process on this chain), the
   * locked append runs in the same transaction, whose head lock is then held to the commit.
   */
  async appendIn(tx: QueryRunner, bodies: readonly EntryBody[]): Promise<{ head: Head; result?: AppendedHead }> {
    const items = bodies.map((access) => ({ access }));
    const fast = this.optimistic && this.known ? this.plan(this.known, items) : undefined;
    if (fast) {
      const [row] = await tx.run<{ appended: number }>('audit/append-if-head', fast.params);
      if (Number(row?.appended) === fast.entries.length) {
        this.stats.optimistic += 1;
        return { head: fast.after, result: fast.result };
      }
      this.stats.conflicts += 1;
    }
    this.stats.locked += 1;
    return this.lockedAppend(tx, items, this.chain);
  }

  /** The head an in-transaction append committed: the next group is hashed after it. */
  adopt(head: Head): void {
    this.known = head;
  }

  /** Appends to the default chain from any instance (the seal of a legacy prefix lives there), under the lock. */
  async appendToDefaultChain(items: readonly Pending[]): Promise<AppendedHead | undefined> {
    const { head, result } = await this.executor.transaction('WRITE', (tx) => this.lockedAppend(tx, items, null), 'audit-seal');
    if (this.chain === null) this.known = head;
    return result;
  }

  /** The statement for a group of accesses against `head`; undefined when an instance chain needs a new seq block (locked path). */
  private plan(head: Head, items: readonly Pending[]) {
    const bodies = items.flatMap((item) => ('access' in item ? [item.access] : []));
    let seqs: Seqs = { first: head.seq + 1, next: null, blockEnd: null };
    if (this.chain) {
      if (head.next === null || head.blockEnd === null || head.next + bodies.length - 1 > head.blockEnd) return undefined;
      seqs = { first: head.next, next: head.next + bodies.length, blockEnd: head.blockEnd };
    }
    const { entries, last } = this.link(head, bodies, seqs, this.chain);
    const after: Head = { seq: last.seq, hash: last.hash, next: seqs.next, blockEnd: seqs.blockEnd };
    const params = {
      headId: this.chain ?? HEAD_ID,
      expectSeq: head.seq,
      expectHash: head.hash,
      seq: last.seq,
      hash: last.hash,
      next: seqs.next,
      blockEnd: seqs.blockEnd,
      entries,
    };
    return { params, entries, after, result: this.resultOf(last) };
  }

  /** Numbers, links and hashes `bodies` after `head`. */
  private link(head: Head, bodies: readonly EntryBody[], seqs: Seqs, chain: string | null) {
    let prevHash = head.hash;
    let prevSeq = head.seq;
    const entries: ChainEntry[] = bodies.map((body, i) => {
      const seq = seqs.first + i;
      const link = chain ? { chain, prevSeq: prevSeq === 0 ? null : prevSeq } : { chain: null, prevSeq: null };
      const full: ChainBody = { ...body, seq, prevHash, alg: KEYED_ALG, ...link };
      prevHash = hashBody(full, this.chainKey);
      prevSeq = seq;
      return { ...full, hash: prevHash };
    });
    return { entries, last: { seq: prevSeq, hash: prevHash!, chain } };
  }

  private resultOf(last: { seq: number; hash: string; chain: string | null }): AppendedHead {
    return { seq: last.seq, hash: last.hash, ...(last.chain ? { chain: last.chain } : {}) };
  }

  /** One transaction: lock the head, resolve approvals still to chain, hash and append. Safe to re-run (driver retries). */
  private async lockedAppend(tx: QueryRunner, items: readonly Pending[], chain: string | null): Promise<{ head: Head; result?: AppendedHead }> {
    const headId = chain ?? HEAD_ID;
    const locked = (await tx.run<Head & Record<string, unknown>>('audit/lock-head', { headId }))[0]!;
    const head: Head = { seq: Number(locked.seq), hash: locked.hash ?? null, next: locked.next ?? null, blockEnd: locked.blockEnd ?? null };
    const bodies: EntryBody[] = [];
    const approvalIds = new Set<string>();
    const at = new Date().toISOString();
    for (const item of items) {
      if ('access' in item) bodies.push(item.access);
      else if ('approvals' in item) item.approvals.forEach((id) => approvalIds.add(id));
      else if ('seal' in item) {
        const seal = await sealFor(tx, head.seq, at);
        if (seal) bodies.unshift(seal); // right after the legacy prefix it closes
      } else for (const row of await tx.run<{ id: string }>('audit/unchained-approvals', { limit: 10_000 })) approvalIds.add(row.id);
    }
    for (const row of await approvalRows(tx, [...approvalIds])) {
      if (!row.found || row.chained) continue;
      bodies.push({
        ...systemBody('approval', at, row.principalId, null, approvalContent(row)),
        targetIds: [row.id, row.modelVersionId, row.ionId].filter((id): id is string => Boolean(id)),
        approvalId: row.id,
      });
    }
    if (bodies.length === 0) return { head };
    const seqs = chain ? await instanceSeqs(tx, head, bodies.length) : { first: head.seq + 1, next: null, blockEnd: null };
    const { entries, last } = this.link(head, bodies, seqs, chain);
    await tx.run('audit/append', { headId, seq: last.seq, hash: last.hash, next: seqs.next, blockEnd: seqs.blockEnd, entries });
    return { head: { seq: last.seq, hash: last.hash, next: seqs.next, blockEnd: seqs.blockEnd }, result: this.resultOf(last) };
  }
}

type Seqs = { first: number; next: number | null; blockEnd: number | null };

/** The seqs of `count` new entries of an instance chain: the rest of its block, or a new block (gaps are fine: entries link by prevSeq). */
async function instanceSeqs(tx: QueryRunner, head: Head, count: number): Promise<Seqs> {
  let next = head.next ?? 0;
  let blockEnd = head.blockEnd ?? -1;
  if (next === 0 || next + count - 1 > blockEnd) {
    const size = Math.max(SEQ_BLOCK, count);
    const [row] = await tx.run<{ start: number }>('audit/reserve-seqs', { size });
    next = Number(row!.start);
    blockEnd = next + size - 1;
  }
  return { first: next, next: next + count, blockEnd };
}

/** The body of an entry the service writes itself (an approval, a seal). */
function systemBody(kind: 'approval' | 'seal', at: string, principalId: string | null, operation: string | null, details: Record<string, unknown>): EntryBody {
  return {
    id: randomUUID(),
    kind,
    at,
    principalId,
    principalName: null,
    via: kind === 'seal' ? 'system' : null,
    tokenId: null,
    action: kind,
    operation,
    operationName: null,
    targetIds: [],
    clientIp: null,
    userAgent: null,
    requestId: null,
    details: canonicalJson(details),
    approvalId: null,
  };
}

/** A seal when the head entry is a legacy (unkeyed) one: a keyed entry naming the end of the legacy prefix. */
async function sealFor(tx: QueryRunner, headSeq: number, at: string): Promise<EntryBody | undefined> {
  if (headSeq === 0) return undefined;
  const [row] = await tx.run<{ entry: Record<string, unknown> }>('audit/entries-page', { after: headSeq - 1, limit: 1 });
  if (!row || entryFromStore(row.entry).alg === KEYED_ALG) return undefined;
  return systemBody('seal', at, null, 'audit-chain-key', { legacyThrough: headSeq });
}
