/**
 * Folding rows about the same node, so a batch writes each node once and the result never
 * depends on the order in which events arrive (the Cypher merges stored rows by the same rules).
 */
import type { DatasetRow, JobRow, RunRow } from './openlineage.rows';

const ms = (time: string) => Date.parse(time);
const earlier = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : ms(b) < ms(a) ? b : a);

/** Two rows about one run become one, whatever their order. */
export function foldRun(a: RunRow, b: RunRow): RunRow {
  const newer = ms(b.latestAt) >= ms(a.latestAt) ? b : a;
  const older = newer === b ? a : b;
  const laterEnd = a.endedAt === null ? b : b.endedAt === null ? a : ms(b.endedAt) >= ms(a.endedAt) ? b : a;
  const pick = <K extends keyof RunRow>(key: K) => newer[key] ?? older[key];
  return {
    id: a.id,
    jobId: newer.jobId,
    kind: a.kind !== 'ETL' ? a.kind : b.kind,
    startedAt: earlier(a.startedAt, b.startedAt),
    earliest: earlier(a.earliest, b.earliest)!,
    endedAt: laterEnd.endedAt,
    endStatus: laterEnd.endStatus,
    latestAt: newer.latestAt,
    params: pick('params'),
    codeVersion: pick('codeVersion'),
    codeUrl: pick('codeUrl'),
    engine: pick('engine'),
    engineVersion: pick('engineVersion'),
    nominalStartTime: pick('nominalStartTime'),
    producer: pick('producer'),
  };
}

/** Two rows about one job become one: the first non-ETL role and engine, the latest code and text. */
export function foldJob(a: JobRow, b: JobRow): JobRow {
  return {
    ...a,
    role: a.role !== 'ETL' ? a.role : b.role,
    engine: a.engine ?? b.engine,
    codeRepo: b.codeRepo ?? a.codeRepo,
    description: b.description ?? a.description,
  };
}

/** Two sightings of one dataset version: the latest schema and row count, the earliest time. */
export function foldDataset(a: DatasetRow, b: DatasetRow): DatasetRow {
  return { ...a, schema: b.schema ?? a.schema, rowCount: b.rowCount ?? a.rowCount, at: earlier(a.at, b.at)! };
}

/** Adds a row to its map, folded into the one already there under the same key. */
export function put<T>(map: Map<string, T>, key: string, row: T, fold: (a: T, b: T) => T): void {
  const seen = map.get(key);
  map.set(key, seen === undefined ? row : fold(seen, row));
}
