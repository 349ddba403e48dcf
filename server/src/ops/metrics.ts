import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Neo4jError } from 'neo4j-driver';

/** Latency buckets in seconds: 1 ms to 60 s, dense where queries and operations usually fall. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** How ingested items end: new, an exact replay, or part of a rejected delivery. */
export type IngestOutcome = 'created' | 'unchanged' | 'rejected';

/** Label values that come from clients are kept short and plain, so nobody can blow up the series count. */
const SAFE_LABEL = /^[A-Za-z0-9_.:@/-]{1,64}$/;
/** At most this many distinct client-chosen values per label; later ones share `other`. */
const MAX_CLIENT_VALUES = 200;

/**
 * The service's Prometheus metrics, in a registry of their own (one per app, so tests can build
 * several apps in one process). Stores, services and HTTP layers report through the methods
 * below; `/metrics` renders `registry.metrics()`.
 */
export class OpsMetrics {
  readonly registry = new Registry();
  private readonly seen = new Map<string, Set<string>>();
  private readonly countedErrors = new WeakSet<object>();

  readonly ingestItems = new Counter({
    name: 'ion_ingest_items_total',
    help: 'Ingested items by bundle part and outcome (graph the rate with rate(ion_ingest_items_total[1m])).',
    labelNames: ['part', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'ion_graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by operation name (or root field when anonymous) and outcome (ok or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly cypherDuration = new Histogram({
    name: 'ion_cypher_query_duration_seconds',
    help: 'Latency of each named Cypher query (inside its transaction), by query name and outcome.',
    labelNames: ['query', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly writePhases = new Histogram({
    name: 'ion_write_transaction_phase_seconds',
    help: 'Committed write transactions by label: time running their statements (work) and from the last statement to the end of the commit (commit, the log force included).',
    labelNames: ['label', 'phase'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly neo4jErrors = new Counter({
    name: 'ion_neo4j_errors_total',
    help: 'Errors raised by the Neo4j driver or server, by Neo4j error code (retried transient ones included).',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'ion_http_requests_total',
    help: 'HTTP requests by route, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'ion_http_request_duration_seconds',
    help: 'HTTP request latency by route.',
    labelNames: ['route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  readonly sdkSpoolDepth = new Gauge({
    name: 'ion_sdk_spool_depth',
    help: 'Items waiting in an SDK client spool, as last reported by that client (x-ion-sdk-spool-depth).',
    labelNames: ['client'] as const,
    registers: [this.registry],
  });
  readonly sdkSpoolReportedAt = new Gauge({
    name: 'ion_sdk_spool_reported_timestamp_seconds',
    help: 'When each SDK client last reported its spool depth (Unix seconds), to spot clients gone quiet.',
    labelNames: ['client'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'ion_' });
  }

  /** Counts the items of one delivery part. */
  countIngest(part: string, outcome: IngestOutcome, items: number): void {
    if (items > 0) this.ingestItems.inc({ part, outcome }, items);
  }

  /** Times one named Cypher query; a failure also counts its Neo4j error code. */
  observeQuery(name: string, seconds: number, error?: unknown): void {
    this.cypherDuration.observe({ query: name, outcome: error === undefined ? 'ok' : 'error' }, seconds);
    if (error !== undefined) this.countNeo4jError(error);
  }

  /** Times the two phases of a committed write transaction. */
  observeWrite(label: string, workSeconds: number, commitSeconds: number): void {
    this.writePhases.observe({ label, phase: 'work' }, workSeconds);
    this.writePhases.observe({ label, phase: 'commit' }, commitSeconds);
  }

  /** Counts a Neo4j error once, however many layers report it. */
  countNeo4jError(error: unknown): void {
    if (!(error instanceof Neo4jError) || this.countedErrors.has(error)) return;
    this.countedErrors.add(error);
    this.neo4jErrors.inc({ code: error.code || 'unknown' });
  }

  /** Records a GraphQL operation's latency. */
  observeOperation(operation: string, outcome: string, seconds: number): void {
    this.graphqlDuration.observe({ operation: this.clientLabel('operation', operation), outcome }, seconds);
  }

  /** Records the spool depth an SDK client reported in its request headers; bad values are ignored. */
  reportSpool(client: string, depth: string): void {
    if (!/^\d{1,15}$/.test(depth)) return;
    const value = Number(depth);
    const label = this.clientLabel('client', client);
    this.sdkSpoolDepth.set({ client: label }, value);
    this.sdkSpoolReportedAt.set({ client: label }, Date.now() / 1000);
  }

  /** A client-chosen label value, or `other` when it is odd-looking or one too many. */
  clientLabel(label: string, value: string): string {
    if (!SAFE_LABEL.test(value)) return 'other';
    let values = this.seen.get(label);
    if (!values) this.seen.set(label, (values = new Set()));
    if (values.has(value)) return value;
    if (values.size >= MAX_CLIENT_VALUES) return 'other';
    values.add(value);
    return value;
  }
}
