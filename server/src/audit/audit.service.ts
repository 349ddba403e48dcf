import { createPublicKey, type KeyObject } from 'node:crypto';
import { ErrorCode, LineageError } from '../errors';
import type { Executor, QueryRunner } from '../store/executor';
import { type AppendedHead, ChainAppender, type Head, type Pending } from './audit.append';
import { accessBody, type AuditInput, type AuditRecord, type AuditSource } from './audit.entry';
import { AppendTurns } from './audit.turns';
import { loadAuditChainKey, loadCheckpointKey } from './audit.keys';
import { type RefusalCode, RefusalAggregator, type RefusalRecord } from './audit.refusals';
import { type ChainVerification, HEAD_ID, legacyThroughOf, MAX_TARGETS, verifyChain } from './audit.verify';
import { type ChainEntry, checkEntry, entryFromStore, KEYED_ALG } from './chain';
import { CheckpointWriter, readCheckpoints } from './checkpoint';

export { HEAD_ID, MAX_TARGETS, type ChainVerification };

export type { AuditInput, AuditRecord, AuditSource };

/** What the work of `writeAudited` hands back: its result, the accesses to record, and statements still running. */
export interface AuditedWork<T> {
  result: T;
  records: readonly AuditRecord[];
  /**
   * Statements sent but not awaited yet (pipelined: the append follows them in the same round
   * trip); the transaction commits only once they have succeeded.
   */
  pending?: Promise<unknown>;
}

/** An entry served by accessLog: `verified` is false only for a legacy (pre-key) entry, which only the chain walk covers. */
export type ServedEntry = ChainEntry & { verified: boolean };

/** How the audit is keyed and anchored; every member has a default from the environment. */
export interface AuditOptions {
  /** HMAC key of the chain (default: AUDIT_CHAIN_KEY or the generated key file). */
  chainKey?: Buffer;
  /** Where signed checkpoints of the head are appended; null: none (a bare AuditLog in tests). */
  checkpointFile?: string | null;
  /** Ed25519 key that signs checkpoints (default: AUDIT_CHECKPOINT_KEY or the generated key file). */
  checkpointKey?: KeyObject;
  /** Refusals are aggregated per key over this window (default 60 s). */
  refusalWindowMs?: number;
  /** Keys per window before refusals are counted into one `other` entry (default 100). */
  maxRefusalKeys?: number;
  /**
   * This instance's own chain (AUDIT_CHAIN_ID): with several instances on one database each
   * appends to its own chain and head, so they never wait on one another. Null: the default
   * chain, which every instance without an id shares (correct, but appends serialize on its head).
   */
  chainId?: string | null;
  /** False: append every group under the head's lock, as before the one-statement append (AUDIT_APPEND=locked; benchmarks). */
  optimisticAppend?: boolean;
  onError?: (error: unknown) => void;
}

const MAX_GROUP = 500;

interface Waiter {
  item: Pending;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The access audit and tamper-evident log: entries (accesses, approvals, aggregated refusals)
 * form one chain keyed by HMAC, whose head is checkpointed (Ed25519-signed) to a file outside
 * Neo4j. Appends are group-committed: while one group is written, new records queue and go
 * together in the next, and each caller awaits the commit that holds its entry. A group is one
 * statement that writes only if the chain's head is the one this instance last wrote
 * (`ChainAppender`); the head's write lock serializes appends across processes.
 */
export class AuditLog {
  private queue: Waiter[] = [];
  private writing = false;
  private idle: Array<() => void> = [];
  private readonly chainKey: Buffer;
  private readonly checkpoints: CheckpointWriter | undefined;
  private readonly checkpointPublicKey: KeyObject | undefined;
  private readonly refusals: RefusalAggregator;
  /** This instance's chain; null for the default chain. */
  readonly chainId: string | null;
  /** Committed append transactions and the records they carried, since start (group commit at work: records ≥ commits). */
  readonly stats = { commits: 0, records: 0 };
  private readonly appender: ChainAppender;
  private readonly turns = new AppendTurns();

  constructor(
    private readonly executor: Executor,
    /** When false, reads are not recorded (the audit-overhead benchmark only); writes and refusals always are. */
    readonly auditReads = true,
    options: AuditOptions = {},
  ) {
    const onError = options.onError ?? (() => {});
    this.chainId = options.chainId || null;
    this.chainKey = options.chainKey ?? loadAuditChainKey();
    if (options.checkpointFile) {
      const key = options.checkpointKey ?? loadCheckpointKey();
      this.checkpoints = new CheckpointWriter(options.checkpointFile, key, 1000, onError);
      this.checkpointPublicKey = createPublicKey(key);
    }
    this.appender = new ChainAppender(executor, this.chainKey, this.chainId, options.optimisticAppend ?? true);
    this.refusals = new RefusalAggregator((records) => this.recordRefusals(records), options.refusalWindowMs, options.maxRefusalKeys);
  }

  /** How groups were appended: in one statement, or under the head's lock after a conflict (or for approvals, a new seq block). */
  get appendStats(): Readonly<ChainAppender['stats']> {
    return this.appender.stats;
  }

  /** The checkpoint file, when checkpoints are written. */
  get checkpointFile(): string | undefined {
    return this.checkpoints?.file;
  }

  /** Records one access and resolves once it is committed. */
  record(source: AuditSource, input: AuditInput): Promise<void> {
    if (input.action === 'read' && !this.auditReads) return Promise.resolve();
    return this.enqueue({ access: accessBody(source, input) });
  }

  /**
   * Runs `work` in one write transaction that also appends the access records it returns: the
   * write and its audit trail commit together or not at all, in one commit instead of two, and
   * the caller is answered only after both. The append comes last, so this process's append
   * turn (and the chain head's lock) is held only from it to the commit. A transient failure
   * re-runs `work` and the append on a fresh transaction (the driver's retry): nothing of the
   * failed attempt was committed, so nothing is written twice.
   */
  async writeAudited<T>(label: string, work: (tx: QueryRunner) => Promise<AuditedWork<T>>): Promise<T> {
    let release: (() => void) | undefined;
    let appended: { head: Head; result?: AppendedHead; records: number } | undefined;
    try {
      const result = await this.executor.transaction(
        'WRITE',
        async (tx) => {
          const { result, records, pending } = await work(tx);
          const bodies = records.filter((r) => r.input.action !== 'read' || this.auditReads).map((r) => accessBody(r.source, r.input));
          release ??= await this.turns.take();
          try {
            appended = bodies.length ? { ...(await this.appender.appendIn(tx, bodies)), records: bodies.length } : undefined;
          } catch (error) {
            await pending; // a statement sent before the append failed first: that is the cause
            throw error;
          }
          await pending;
          return result;
        },
        label,
      );
      if (appended) {
        this.appender.adopt(appended.head);
        this.stats.commits += 1;
        this.stats.records += appended.records;
        if (appended.result) this.checkpoints?.note(appended.result);
      }
      return result;
    } finally {
      release?.();
    }
  }

  /** Counts a refused request (FORBIDDEN, UNAUTHENTICATED); recorded aggregated at the end of the window. Never throws. */
  refused(source: AuditSource, code: RefusalCode, operation: string): void {
    this.refusals.note(source, code, operation);
  }

  /** Writes the refusals counted so far now, instead of at the end of the window. */
  flushRefusals(): Promise<void> {
    return this.refusals.flush();
  }

  /** Appends the content of these approvals to the chain (those not chained yet). */
  chainApprovals(ids: readonly string[]): Promise<void> {
    return ids.length ? this.enqueue({ approvals: [...new Set(ids)] }) : Promise.resolve();
  }

  /** Appends every approval not chained yet (written by the demo loader, or before a crash). */
  chainUnchainedApprovals(): Promise<void> {
    return this.enqueue({ sweep: true });
  }

  /** At start: closes a legacy (unkeyed) chain with a keyed seal, then chains unchained approvals. */
  async start(): Promise<void> {
    if (this.chainId) {
      // A legacy prefix lives in the default chain: seal it there, whichever chain this instance writes.
      await this.appender.appendToDefaultChain([{ seal: true }]);
    } else await this.enqueue({ seal: true });
    await this.chainUnchainedApprovals();
  }

  /** Writes pending refusals, waits for appends in flight, and checkpoints the head now. */
  async flush(): Promise<void> {
    await this.refusals.flush().catch(() => {});
    if (this.writing || this.queue.length) await new Promise<void>((resolve) => this.idle.push(resolve));
    (await this.turns.take())(); // appends running inside write transactions end first
    await this.checkpoints?.flush();
  }

  /** At shutdown: `flush`, so no refusal counted and no head committed is left unwritten. */
  close(): Promise<void> {
    return this.flush();
  }

  /**
   * Who accessed a target, newest first; `before` is the seq cursor of the previous page. Every
   * entry served is checked on its own: its HMAC under the chain key, and that it lists the
   * target. A row that does not verify is refused (CONFLICT naming its seq) rather than served
   * or silently left out. Legacy entries (before the chain was keyed) are served with
   * `verified: false` while a valid seal closes them.
   */
  async accessLog(targetId: string, limit: number, before?: number | null): Promise<ServedEntry[]> {
    const rows = await this.executor.run<{ entry: Record<string, unknown> }>('audit/access-log', {
      targetId,
      before: before ?? Number.MAX_SAFE_INTEGER,
      limit: Math.max(1, Math.min(limit, 500)),
    });
    const entries = rows.map((row) => entryFromStore(row.entry));
    const legacyThrough = entries.some((entry) => entry.alg !== KEYED_ALG) ? await this.legacyThrough() : 0;
    return entries.map((entry) => {
      const legacy = entry.alg === null && entry.seq <= legacyThrough;
      const broken = legacy ? undefined : checkEntry(entry, this.chainKey);
      const problem =
        broken?.message ?? (entry.targetIds.includes(targetId) ? undefined : `the entry does not list ${targetId} (its AuditAccess row was retargeted)`);
      if (problem)
        throw new LineageError(
          ErrorCode.CONFLICT,
          `accessLog: audit entry seq ${entry.seq} does not verify against the chain (${problem}); run verifyAuditLog`,
        );
      return { ...entry, verified: !legacy };
    });
  }

  /** Walks the chain from the start (and against every signed checkpoint) and names the first break. */
  verify(): Promise<ChainVerification> {
    const checkpoints = this.checkpoints && this.checkpointPublicKey ? readCheckpoints(this.checkpoints.file, this.checkpointPublicKey) : undefined;
    return verifyChain(this.executor, this.chainKey, checkpoints);
  }

  /** The end of the legacy prefix a valid seal closes (0 when none). */
  private async legacyThrough(): Promise<number> {
    const seals = (await this.executor.run<{ entry: Record<string, unknown> }>('audit/seal', {})).map((row) => entryFromStore(row.entry));
    const valid = seals.find((seal) => checkEntry(seal, this.chainKey) === undefined);
    return legacyThroughOf(valid) ?? 0;
  }

  private recordRefusals(records: RefusalRecord[]): Promise<void> {
    return Promise.all(records.map((record) => this.record(record.source, record.input))).then(() => undefined);
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
      const release = await this.turns.take();
      const group = this.queue.splice(0, MAX_GROUP);
      try {
        const head = await this.appender.append(group.map((waiter) => waiter.item));
        this.stats.commits += 1;
        this.stats.records += group.length;
        if (head) this.checkpoints?.note(head);
        for (const waiter of group) waiter.resolve();
      } catch (error) {
        for (const waiter of group) waiter.reject(error);
      } finally {
        release();
      }
    }
    this.writing = false;
    this.idle.splice(0).forEach((wake) => wake());
  }
}
