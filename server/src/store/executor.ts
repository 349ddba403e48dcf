import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { ErrorCode, LineageError } from '../errors';
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
}

export interface ExecutorOptions {
  database?: string;
  /** Server-side transaction timeout. */
  timeoutMs?: number;
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
    return this.transaction(mode, (tx) => tx.run<T>(name, params), name);
  }

  /**
   * Runs `work` in one transaction: written whole or not at all. The driver retries transient
   * failures by running `work` again, so work must be idempotent (ingest is, by id).
   */
  async transaction<T>(mode: QueryMode, work: (tx: QueryRunner) => Promise<T>, label = 'transaction'): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { timeout: this.options.timeoutMs ?? 120_000, metadata: { app: 'ion-lineage', op: label } };
    try {
      const execute = mode === 'READ' ? session.executeRead.bind(session) : session.executeWrite.bind(session);
      return await execute((tx) => work(this.runnerFor(tx, mode)), config);
    } catch (error) {
      this.observer?.countNeo4jError(error);
      throw mapNeo4jError(error);
    } finally {
      await session.close();
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

/** Maps driver and server errors to the service's codes; unknown ones stay unknown (INTERNAL). */
export function mapNeo4jError(error: unknown): unknown {
  if (error instanceof LineageError || !(error instanceof Neo4jError)) return error;
  const code = error.code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
    return new LineageError(ErrorCode.GRAPH_UNAVAILABLE, 'The graph database is not reachable; try again shortly.');
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new LineageError(ErrorCode.CONFLICT, 'An item with this id was written concurrently; retry the request.');
  }
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || code.includes('MemoryPoolOutOfMemoryError')) {
    return new LineageError(ErrorCode.LIMIT_EXCEEDED, 'The query took too much time or memory; narrow it (depth, limit, filters).');
  }
  return error;
}
