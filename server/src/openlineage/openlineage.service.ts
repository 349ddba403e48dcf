import { gunzipSync, gzipSync } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { ErrorCode, type FieldProblem, LineageError, badInput } from '../errors';
import type { AuditLog, AuditRecord, AuditSource } from '../audit/audit.service';
import { contentHash } from '../ingest/engine';
import type { Executor, QueryRunner } from '../store/executor';
import type { QueryName } from '../store/query-names';
import { GroupWriter } from './openlineage.group';
import { mapEvents } from './openlineage.mapping';
import { isDatasetEvent, isRunEvent, type OlEvent, type OlEventKind } from './openlineage.types';
import { eventKind, validateEvent } from './openlineage.validate';

/** At most this many events per batch request (the body limit bounds their size). */
export const MAX_BATCH_EVENTS = 1_000;

/** Most events one group transaction of concurrent deliveries holds (openlineage.group.ts). */
export const GROUP_MAX_EVENTS = 250;

/** What happened to one event: new to the graph, or a replay of a stored one (nothing changed). */
export type EventOutcome = 'created' | 'unchanged';

export interface EventResult {
  /** SHA-256 of the event's canonical JSON: the key of its stored raw copy. */
  id: string;
  kind: OlEventKind;
  /** The run the event is about (RunEvents only). */
  runId: string | null;
  status: EventOutcome;
}

/** A validated event with its content hash. */
export interface AcceptedEvent {
  event: OlEvent;
  kind: OlEventKind;
  hash: string;
}
type Accepted = AcceptedEvent;

/** Who sent a delivery, and through which route: its audit record commits with its events. */
export interface DeliverySource {
  source: AuditSource;
  operation: string;
}

interface Delivery extends DeliverySource {
  accepted: Accepted[];
}

/**
 * OpenLineage ingestion: validates events against the 2-0-2 schema, keeps each raw event, and
 * merges what it says into the lineage graph, all of one delivery in one transaction, which also
 * appends the delivery's audit record (a write and its trace commit together or not at all).
 */
export class OpenLineageService {
  constructor(
    private readonly executor: Executor,
    private readonly audit: AuditLog,
  ) {}

  /** Validates a list of raw events, naming every problem by its JSON path (`$[i]...` when `batch`). */
  validate(raw: readonly unknown[], batch: boolean): Accepted[] {
    if (batch && raw.length > MAX_BATCH_EVENTS) {
      throw badInput([{ path: '$', message: `holds ${raw.length} events; at most ${MAX_BATCH_EVENTS} per batch` }]);
    }
    const problems: FieldProblem[] = [];
    const accepted: Accepted[] = [];
    raw.forEach((value, i) => {
      const result = validateEvent(value, batch ? `$[${i}]` : '$');
      if ('problems' in result) problems.push(...result.problems);
      else accepted.push({ ...result, hash: contentHash(result.event) });
    });
    if (problems.length) throw badInput(problems);
    return accepted;
  }

  /**
   * Writes a delivery whole or not at all, with its audit record. Events already stored (same
   * canonical content) are skipped, so replays change nothing; two callers racing with one event
   * meet at the uniqueness constraint and the loser's retry sees it stored. Deliveries up to
   * GROUP_MAX_EVENTS arriving together share one transaction (openlineage.group.ts), each with
   * its own audit record; larger ones are written on their own.
   */
  async ingest(raw: readonly unknown[], batch: boolean, from: DeliverySource): Promise<EventResult[]> {
    const accepted = this.validate(raw, batch);
    if (accepted.length === 0) return [];
    const delivery: Delivery = { ...from, accepted };
    if (accepted.length > GROUP_MAX_EVENTS) return (await this.writeRetrying([delivery], 'openlineage'))[0]!;
    return this.group.submit(delivery, accepted.length);
  }

  private readonly group = new GroupWriter<Delivery, EventResult[]>({
    maxEvents: GROUP_MAX_EVENTS,
    writeOne: async (delivery) => (await this.writeRetrying([delivery], 'openlineage'))[0]!,
    writeGroup: (deliveries) => this.writeRetrying(deliveries, 'openlineage-group'),
  });

  /** Deliveries grouped into transactions so far (commits ≤ deliveries under concurrent load). */
  get groupStats(): Readonly<GroupWriter<Delivery, EventResult[]>['stats']> {
    return this.group.stats;
  }

  /**
   * One transaction: the deliveries' events, then one audit record per delivery. The first
   * attempt assumes every event is new; a stored one (a replay, or a concurrent sender of the
   * same event) fails it at the uniqueness constraint (CONFLICT), and the next attempts look
   * each event up first.
   */
  private async writeRetrying(deliveries: Delivery[], label: string): Promise<EventResult[][]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.audit.writeAudited(label, async (tx) => {
          const { results, pending } = await write(
            tx,
            deliveries.flatMap((d) => d.accepted),
            attempt === 0,
          );
          let at = 0;
          const each = deliveries.map((d) => results.slice(at, (at += d.accepted.length)));
          return { result: each, records: deliveries.map((d, i) => auditRecord(d, each[i]!)), pending };
        });
      } catch (error) {
        const raced = error instanceof LineageError && error.code === ErrorCode.CONFLICT;
        if (!raced || attempt >= 2) throw error;
      }
    }
  }

  /**
   * Writes the graph again from the stored raw events, in event-time order, a page per
   * transaction: after the derived nodes were lost, or the mapping improved. Run state merges do
   * not depend on order; unversioned inputs link to the newest version written before them.
   */
  async rebuild(pageSize = 500): Promise<{ events: number }> {
    let cursor = { afterTime: '0001-01-01T00:00:00Z', afterId: '' };
    let events = 0;
    for (;;) {
      const page = await this.executor.run<{ id: string; body: string; eventTime: string }>('openlineage/stored-events', {
        ...cursor,
        limit: neo4j.int(pageSize),
      });
      if (page.length === 0) return { events };
      const accepted = page.map(({ id, body }): Accepted => {
        const event = JSON.parse(gunzipSync(Buffer.from(body, 'base64')).toString('utf8')) as OlEvent;
        return { event, kind: eventKind(event as never)!, hash: id };
      });
      await this.executor.transaction('WRITE', (tx) => applyEvents(tx, accepted), 'openlineage-rebuild');
      events += page.length;
      cursor = { afterTime: page.at(-1)!.eventTime, afterId: page.at(-1)!.id };
    }
  }
}

/**
 * Stores the new raw events and sends the graph statements of the new ones without waiting for
 * them: `pending` settles when they have run. `optimistic`: every event is taken as new and all
 * statements go in one round trip (a stored one fails the transaction at the constraint);
 * otherwise one round trip first tells replays apart.
 */
async function write(tx: QueryRunner, accepted: Accepted[], optimistic: boolean): Promise<{ results: EventResult[]; pending: Promise<unknown> }> {
  const distinct = new Map<string, Accepted>();
  for (const item of accepted) if (!distinct.has(item.hash)) distinct.set(item.hash, item);
  const rows = claimRows([...distinct.values()]);
  let fresh: Accepted[];
  let stored: Promise<unknown> = Promise.resolve();
  if (optimistic) {
    fresh = [...distinct.values()];
    stored = tx.run('openlineage/create-events', { rows });
  } else {
    const claimed = await tx.run<{ id: string; created: boolean }>('openlineage/claim-events', { rows });
    fresh = claimed.filter((row) => row.created).map((row) => distinct.get(row.id)!);
  }

  const results: EventResult[] = accepted.map((item) => ({
    id: item.hash,
    kind: item.kind,
    runId: isRunEvent(item.event) ? item.event.run.runId : null,
    status: 'unchanged',
  }));
  const freshIds = new Set(fresh.map((item) => item.hash));
  const reported = new Set<string>();
  results.forEach((result) => {
    if (freshIds.has(result.id) && !reported.has(result.id)) {
      result.status = 'created';
      reported.add(result.id);
    }
  });
  const pending = Promise.all([stored, applyEvents(tx, fresh)]);
  pending.catch(() => {}); // awaited by the caller after the statements it sends behind these
  return { results, pending };
}

/**
 * Merges what the events say into the graph (not the raw events themselves). The statements
 * are sent at once and run in order in the transaction (Bolt pipelining): one round trip for
 * all of them instead of one each; if one fails, the rest are not run and the transaction fails.
 */
async function applyEvents(tx: QueryRunner, accepted: Accepted[]): Promise<void> {
  await Promise.all(graphStatements(accepted).map((statement) => tx.run(statement.name, statement.params)));
}

/**
 * The statements that merge what validated events say into the graph, in the order they run
 * (annotations last: they attach to the nodes written before). Only those with rows are listed:
 * each is a round trip inside the transaction.
 */
export function graphStatements(accepted: readonly AcceptedEvent[]): Array<{ name: QueryName; params: { rows: unknown[] } }> {
  const rows = mapEvents(accepted);
  const statements: Array<[QueryName, unknown[]]> = [
    ['openlineage/jobs', rows.jobs],
    ['openlineage/runs', rows.runs],
    ['openlineage/parents', rows.parents],
    ['openlineage/datasets', rows.datasets.filter((d) => !d.isModel && !d.latest)],
    ['openlineage/latest-inputs', rows.datasets.filter((d) => !d.isModel && d.latest)],
    ['openlineage/models', rows.datasets.filter((d) => d.isModel)],
    ['openlineage/errors', rows.errors],
    ['openlineage/annotations', rows.annotations],
    ['openlineage/quality', rows.qualities],
    ['openlineage/columns', rows.columns],
  ];
  return statements.filter(([, list]) => list.length > 0).map(([name, list]) => ({ name, params: { rows: list } }));
}

/** The rows of `openlineage/claim-events`: each raw event, gzip-compressed, keyed by its content hash. */
export function claimRows(accepted: readonly AcceptedEvent[]) {
  return accepted.map(rawRow);
}

function rawRow({ event, kind, hash }: Accepted) {
  const job = 'job' in event ? event.job : null;
  return {
    id: hash,
    kind,
    eventType: isRunEvent(event) ? (event.eventType ?? null) : null,
    eventTime: event.eventTime,
    runId: isRunEvent(event) ? event.run.runId : null,
    jobNamespace: job?.namespace ?? (isDatasetEvent(event) ? event.dataset.namespace : null),
    jobName: job?.name ?? null,
    producer: event.producer,
    body: gzipSync(JSON.stringify(event)).toString('base64'),
  };
}

/** Every accepted delivery is a write in the access audit: who sent which runs' events, from where. */
function auditRecord({ source, operation }: Delivery, results: EventResult[]): AuditRecord {
  const created = results.filter((r) => r.status === 'created').length;
  return {
    source,
    input: {
      action: 'write',
      operation,
      targetIds: results.map((r) => r.runId ?? r.id),
      details: { events: results.length, created, unchanged: results.length - created },
    },
  };
}
