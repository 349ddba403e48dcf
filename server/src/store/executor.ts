import neo4j, { type Driver, isRetriableError, type ManagedTransaction, Neo4jError, type Session } from 'neo4j-driver';
import { ErrorCode, LineageError } from '../errors';
import { currentScope } from '../ops/request-scope';
import { type BookmarkScope, invalidBookmarkError, noteWritten } from './bookmarks';
import { fromNeo4j } from './convert';
import type { CypherRegistry, QueryMode } from './cypher-registry';
import type { QueryName } from './query-names';

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

/** Runs named queries; inside a transaction every call joins it. */
export interface QueryRunner {
  run<T extends Row = Row>(name: QueryName, params?: Params): Promise<T[]>;
}

/** Told how long each named query took and which Neo4j errors came back (operations metrics). */
export interface QueryObserver {
  observeQuery(name: string, seconds: number, error?: unknown): void;
  countNeo4jError(error: unknown): void;
  /** A committed write transaction: seconds running its work, then seconds from its last statement to the end of the commit (log force included). */
  observeWrite?(label: string, workSeconds: number, commitSeconds: number): void;
}

/** Default server-side timeout of a read transaction (NEO4J_QUERY_TIMEOUT_MS). */
export const DEFAULT_READ_TIMEOUT_MS = 15_000;
/** Server-side timeout of a write transaction: a batch of 10,000 predictions must fit. */
export const DEFAULT_WRITE_TIMEOUT_MS = 120_000;

export interface ExecutorOptions {
  database?: string;
  /** Server-side timeout of each read transaction; a read running longer is stopped by Neo4j. */
  readTimeoutMs?: number;
  /** Server-side timeout of each write transaction. */
  writeTimeoutMs?: number;
}

/**
 * The one place that opens Neo4j sessions. It picks read or write routing from the query's
 * `@mode`, attaches metadata and a timeout, converts results to plain values and maps driver
 * errors to the service's error codes.
 */
export class Executor implements QueryRunner {
  /** Set by the app that serves this executor; absent in tools and tests. */
  observer?: QueryObserver;

  constructor(
    private readonly driver: Driver,
    private readonly registry: CypherRegistry,
    private readonly options: ExecutorOptions = {},
  ) {}

  /** Runs one query in its own transaction. */
  async run<T extends Row = Row>(name: QueryName, params: Params = {}): Promise<T[]> {
    const mode = this.registry.get(name).mode;
    if (mode === 'READ') return this.autoCommitRead<T>(name, params);
    return this.transaction(mode, (tx) => tx.run<T>(name, params), name);
  }

  /**
   * One read as an auto-commit transaction: RUN and PULL in one write and one round trip,
   * where a managed transaction adds BEGIN and COMMIT (two more socket writes and a round trip,
   * a third of the service's CPU under load). A failure the driver would retry (a leader
   * change, a transient error) is retried as a managed read transaction: reads are idempotent.
   */
  private async autoCommitRead<T extends Row>(name: QueryName, params: Params): Promise<T[]> {
    checkParams(name, this.registry.get(name).params, params);
    const timeout = this.options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS;
    try {
      return await this.autoCommit<T>(name, params, this.openSession('READ', currentScope()?.bookmarks), timeout);
    } catch (error) {
      if (isRetriableError(error)) return this.transaction('READ', (tx) => tx.run<T>(name, params), name);
      this.observer?.countNeo4jError(error);
      throw mapNeo4jError(error, timeout);
    }
  }

  /**
   * Opens a session of `mode`. Behind `neo4j://` routing, READ goes to a follower and WRITE to
   * the leader; the request's bookmarks (X-Lineage-Bookmark) make either wait until it has the
   * client's earlier writes.
   */
  private openSession(mode: QueryMode, causal?: BookmarkScope) {
    return this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
      ...(causal?.given.length ? { bookmarks: causal.given } : {}),
    });
  }

  /** One checked registry query as an auto-commit transaction on `session` (closed after); errors are left to the caller. */
  private async autoCommit<T extends Row>(name: QueryName, params: Params, session: Session, timeout?: number, label: string = name): Promise<T[]> {
    const config = { ...(timeout === undefined ? {} : { timeout }), metadata: { app: 'ion-lineage', op: label } };
    try {
      const result = await timed(this.observer, name, session.run(this.registry.get(name).text, params, config));
      return result.records.map((record) => fromNeo4j(record.toObject()) as T);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs `work` in one transaction: written whole or not at all. The driver retries transient
   * failures by running `work` again, so work must be idempotent (ingest is, by id).
   */
  async transaction<T>(mode: QueryMode, work: (tx: QueryRunner) => Promise<T>, label = 'transaction'): Promise<T> {
    const causal = currentScope()?.bookmarks;
    const session = this.openSession(mode, causal);
    // Neo4j stops the transaction itself when it runs over, so a heavy read cannot hold a
    // connection (and the CPU behind it) for the five minutes of the server's global limit.
    const timeout = mode === 'READ' ? (this.options.readTimeoutMs ?? DEFAULT_READ_TIMEOUT_MS) : (this.options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS);
    const config = { timeout, metadata: { app: 'ion-lineage', op: label } };
    try {
      const execute = mode === 'READ' ? session.executeRead.bind(session) : session.executeWrite.bind(session);
      let started = 0;
      let worked = 0;
      const result = await execute(async (tx) => {
        started = performance.now();
        const value = await work(this.runnerFor(tx, mode));
        worked = performance.now();
        return value;
      }, config);
      if (mode === 'WRITE') this.observer?.observeWrite?.(label, (worked - started) / 1000, (performance.now() - worked) / 1000);
      if (causal && mode === 'WRITE') noteWritten(causal, session.lastBookmarks());
      return result;
    } catch (error) {
      this.observer?.countNeo4jError(error);
      throw mapNeo4jError(error, timeout);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs one WRITE query in an auto-commit transaction, the only kind in which
   * `CALL { … } IN TRANSACTIONS` may run (batched maintenance such as the counter rebuild).
   * No transaction timeout and no driver retry: the query commits its own batches, so it must
   * be idempotent, and a failure is reported, not replayed.
   */
  async runInBatches(name: QueryName, params: Params = {}): Promise<Row[]> {
    return this.writeAutoCommit(name, params);
  }

  /**
   * One WRITE query as an auto-commit transaction (one round trip instead of BEGIN, RUN,
   * COMMIT), with the write timeout and no driver retry: the query must be a single statement
   * that is whole on its own, and the caller decides what a failure means (the audit append
   * falls back to its locked transaction).
   */
  async writeOnce<T extends Row = Row>(name: QueryName, params: Params, label: string = name): Promise<T[]> {
    return this.writeAutoCommit<T>(name, params, this.options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS, label);
  }

  /** A checked WRITE registry query as one auto-commit transaction, its errors counted and mapped. */
  private async writeAutoCommit<T extends Row>(name: QueryName, params: Params, timeout?: number, label: string = name): Promise<T[]> {
    const query = this.registry.get(name);
    if (query.mode !== 'WRITE') throw new Error(`Query '${name}' is not a WRITE query`);
    checkParams(name, query.params, params);
    try {
      return await this.autoCommit<T>(name, params, this.openSession('WRITE'), timeout, label);
    } catch (error) {
      this.observer?.countNeo4jError(error);
      throw mapNeo4jError(error, timeout);
    }
  }

  /** A runner bound to a transaction someone else manages (tests roll it back). */
  runnerFor(tx: ManagedTransaction, mode: QueryMode = 'WRITE'): QueryRunner {
    return {
      run: async <T extends Row>(name: QueryName, params: Params = {}) => {
        const query = this.registry.get(name);
        if (query.mode === 'WRITE' && mode === 'READ') throw new Error(`Query '${name}' writes but runs in a read transaction`);
        checkParams(name, query.params, params);
        const result = await timed(this.observer, name, tx.run(query.text, params));
        return result.records.map((record) => fromNeo4j(record.toObject()) as T);
      },
    };
  }
}

/** Awaits a query's result, telling the observer (if any) how long it took and how it ended. */
async function timed<T>(observer: QueryObserver | undefined, name: string, result: PromiseLike<T>): Promise<T> {
  if (!observer) return result;
  const started = performance.now();
  try {
    const value = await result;
    observer.observeQuery(name, (performance.now() - started) / 1000);
    return value;
  } catch (error) {
    observer.observeQuery(name, (performance.now() - started) / 1000, error);
    throw error;
  }
}

function checkParams(name: string, declared: string[], params: Params): void {
  for (const param of declared) {
    if (!(param in params)) throw new Error(`Query '${name}' needs parameter $${param}`);
  }
  for (const given of Object.keys(params)) {
    if (!declared.includes(given)) throw new Error(`Query '${name}' does not declare parameter $${given}`);
  }
}

/**
 * Maps driver and server errors to the service's codes; unknown ones stay unknown (INTERNAL).
 * `timeoutMs` is the transaction's timeout, named when Neo4j stopped it for running over.
 */
export function mapNeo4jError(error: unknown, timeoutMs?: number): unknown {
  if (error instanceof LineageError || !(error instanceof Neo4jError)) return error;
  const code = error.code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
    return new LineageError(ErrorCode.GRAPH_UNAVAILABLE, 'The graph database is not reachable; try again shortly.');
  }
  if (code.startsWith('Neo.ClientError.Transaction.InvalidBookmark')) return invalidBookmarkError();
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new LineageError(ErrorCode.CONFLICT, 'An item with this id was written concurrently; retry the request.');
  }
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
    const limit = timeoutMs === undefined ? 'its time limit' : `${timeoutMs / 1000} s`;
    return new LineageError(
      ErrorCode.LIMIT_EXCEEDED,
      `The query ran longer than ${limit} and was stopped; narrow it (depth, neighbourLimit, page size, filters).`,
    );
  }
  if (code.includes('MemoryPoolOutOfMemoryError')) {
    return new LineageError(
      ErrorCode.LIMIT_EXCEEDED,
      'The query needed more memory than a transaction may use; narrow it (depth, neighbourLimit, page size, filters).',
    );
  }
  return error;
}
