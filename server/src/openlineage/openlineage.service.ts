import { gunzipSync, gzipSync } from 'node:zlib';
import neo4j from 'neo4j-driver';
import { ErrorCode, type FieldProblem, LineageError, badInput } from '../errors';
import { contentHash } from '../ingest/engine';
import type { Executor, QueryRunner } from '../store/executor';
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

interface Accepted {
  event: OlEvent;
  kind: OlEventKind;
  hash: string;
}

/**
 * OpenLineage ingestion: validates events against the 2-0-2 schema, keeps each raw event, and
 * merges what it says into the lineage graph, all of one delivery in one transaction.
 */
export class OpenLineageService {
  constructor(private readonly executor: Executor) {}

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
   * Writes a delivery whole or not at all. Events already stored (same canonical content) are
   * skipped, so replays change nothing; two callers racing with one event meet at the uniqueness
   * constraint and the loser's retry sees it stored. Deliveries up to GROUP_MAX_EVENTS arriving
   * together share one transaction (openlineage.group.ts); larger ones are written on their own.
   */
  async ingest(raw: readonly unknown[], batch: boolean): Promise<EventResult[]> {
    const accepted = this.validate(raw, batch);
    if (accepted.length === 0) return [];
    if (accepted.length > GROUP_MAX_EVENTS) return this.writeRetrying(accepted, 'openlineage');
    return this.group.submit(accepted, accepted.length);
  }

  private readonly group = new GroupWriter<Accepted[], EventResult[]>({
    maxEvents: GROUP_MAX_EVENTS,
    writeOne: (delivery) => this.writeRetrying(delivery, 'openlineage'),
    writeGroup: async (deliveries) => {
      const results = await this.writeRetrying(deliveries.flat(), 'openlineage-group');
      let at = 0;
      return deliveries.map((delivery) => results.slice(at, (at += delivery.length)));
    },
  });

  /** Deliveries grouped into transactions so far (commits ≤ deliveries under concurrent load). */
  get groupStats(): Readonly<GroupWriter<Accepted[], EventResult[]>['stats']> {
    return this.group.stats;
  }

  private async writeRetrying(accepted: Accepted[], label: string): Promise<EventResult[]> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.executor.transaction('WRITE', (tx) => write(tx, accepted), label);
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

async function write(tx: QueryRunner, accepted: Accepted[]): Promise<EventResult[]> {
  const distinct = new Map<string, Accepted>();
  for (const item of accepted) if (!distinct.has(item.hash)) distinct.set(item.hash, item);
  // One round trip stores the new raw events and tells replays apart.
  const claimed = await tx.run<{ id: string; created: boolean }>('openlineage/claim-events', { rows: [...distinct.values()].map(rawRow) });
  const fresh = claimed.filter((row) => row.created).map((row) => distinct.get(row.id)!);

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
  if (fresh.length) await applyEvents(tx, fresh);
  return results;
}

/** Merges what the events say into the graph (not the raw events themselves). */
async function applyEvents(tx: QueryRunner, accepted: Accepted[]): Promise<void> {
  const rows = mapEvents(accepted);
  // Only the queries that have rows run: each is a round trip inside the transaction.
  const datasets = rows.datasets.filter((d) => !d.isModel && !d.latest);
  const latest = rows.datasets.filter((d) => !d.isModel && d.latest);
  const models = rows.datasets.filter((d) => d.isModel);
  if (rows.jobs.length) await tx.run('openlineage/jobs', { rows: rows.jobs });
  if (rows.runs.length) await tx.run('openlineage/runs', { rows: rows.runs });
  if (rows.parents.length) await tx.run('openlineage/parents', { rows: rows.parents });
  if (datasets.length) await tx.run('openlineage/datasets', { rows: datasets });
  if (latest.length) await tx.run('openlineage/latest-inputs', { rows: latest });
  if (models.length) await tx.run('openlineage/models', { rows: models });
  if (rows.errors.length) await tx.run('openlineage/errors', { rows: rows.errors });
  // Annotations last: they attach to the nodes written above.
  if (rows.annotations.length) await tx.run('openlineage/annotations', { rows: rows.annotations });
  if (rows.qualities.length) await tx.run('openlineage/quality', { rows: rows.qualities });
  if (rows.columns.length) await tx.run('openlineage/columns', { rows: rows.columns });
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
