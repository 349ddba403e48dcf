import type { Cell, Column, ColumnType } from './csv-table';
import { type CsvOptions, CsvTable } from './csv-table';

/** A node property column. */
const p = (name: string, type: ColumnType = 'string'): Column => ({ name, type });
const CREATED: Column = p('createdAt', 'datetime');
const HASH: Column = p('contentHash');
const TAGS: Column = p('tags', 'string[]');

/**
 * The node files of a bulk import: one per label, `id` first, then the properties the label's
 * `cypher/ingest/*.cypher` write sets (same names, same types: JSON blobs as strings, numbers
 * as floats as the driver sends them, times as DATETIME). Each label is its own id space, as
 * each has its own uniqueness constraint.
 */
export const NODE_COLUMNS = {
  Principal: [p('name'), p('kind'), p('email'), HASH, CREATED],
  ION: [p('name'), p('version'), p('description'), p('definition'), p('policy'), TAGS, HASH, CREATED],
  PipelineNode: [p('name'), p('role'), p('engine'), p('codeRepo'), CREATED],
  IONInstance: [p('startedAt', 'datetime'), p('endedAt', 'datetime'), p('status'), HASH, CREATED],
  Dataset: [p('name'), p('uri'), p('classification'), p('owner'), p('description'), p('schema'), TAGS, HASH, CREATED],
  DatasetVersion: [p('version'), p('digest'), p('rowCount', 'double'), p('schema'), TAGS, HASH, CREATED],
  Feature: [p('name'), p('dtype'), p('description'), p('classification'), p('transform'), TAGS, HASH, CREATED],
  Model: [p('name'), p('description'), TAGS, HASH, CREATED],
  Run: [
    p('kind'),
    p('startedAt', 'datetime'),
    p('endedAt', 'datetime'),
    p('status'),
    p('params'),
    p('codeVersion'),
    p('engine'),
    p('engineVersion'),
    p('host'),
    p('environment'),
    p('searchGroupId'),
    p('purpose'),
    TAGS,
    HASH,
    CREATED,
  ],
  Stage: [p('name'), p('type'), p('stats'), HASH, CREATED],
  ModelVersion: [
    p('version'),
    p('algorithm'),
    p('framework'),
    p('format'),
    p('artifactUri'),
    p('digest'),
    p('hyperparameters'),
    p('metrics'),
    p('inputSchema'),
    p('outputSchema'),
    p('status'),
    p('name'),
    TAGS,
    HASH,
    CREATED,
  ],
  Approval: [p('decision'), p('at', 'datetime'), p('comment'), HASH, CREATED],
  Deployment: [p('role'), p('from', 'datetime'), p('to', 'datetime'), HASH, CREATED],
  Prediction: [p('requestId'), p('subjectKey'), p('at', 'datetime'), p('inputs'), p('output'), p('score', 'double'), p('attributions'), HASH, CREATED],
  Event: [p('type'), p('at', 'datetime'), p('message'), p('details'), HASH, CREATED],
  // Shared tag nodes are merged by id and carry no hash or creation time.
  Tag: [p('key'), p('value')],
} as const satisfies Record<string, readonly Column[]>;

export type BulkLabel = keyof typeof NODE_COLUMNS;

/** Labels whose nodes carry a `tags` list (an empty list is written after the import). */
export const TAGGED_LABELS = (Object.keys(NODE_COLUMNS) as BulkLabel[]).filter((label) => NODE_COLUMNS[label].some((c) => 'name' in c && c.name === 'tags'));

/** Relationship properties by type (all others have none). */
const REL_COLUMNS: Record<string, readonly Column[]> = {
  SENDS: [p('message')],
  HAS_MEMBER: [p('weight', 'double')],
  LOADED: [p('at', 'datetime')],
};

/** A file of the import with what the import tool needs to know of it. */
export interface TableFile {
  kind: 'nodes' | 'relationships';
  /** The label of a node file, the type of a relationship file. */
  name: string;
  /** The header is in the first; a parallel export adds one file per worker (their headers are skipped). */
  files: string[];
  rows: number;
  multiline: boolean;
}

/** The CSV files of one bulk import, opened as rows first arrive for them. */
export class BulkTables {
  private readonly nodes = new Map<BulkLabel, CsvTable>();
  private readonly rels = new Map<string, { type: string; table: CsvTable }>();

  constructor(
    private readonly dir: string,
    private readonly options: CsvOptions = {},
  ) {}

  /** Writes one node: its id, then the cells of `NODE_COLUMNS[label]` in order. */
  node(label: BulkLabel, id: string, cells: readonly Cell[]): void {
    let table = this.nodes.get(label);
    if (!table) this.nodes.set(label, (table = new CsvTable(this.dir, `nodes-${label}`, [{ id: label }, ...NODE_COLUMNS[label]], this.options)));
    table.write(id, cells);
  }

  /** Writes one relationship `(from:fromLabel {id: fromId})-[:type]->(to:toLabel {id: toId})`. */
  rel(type: string, fromLabel: BulkLabel, fromId: string, toLabel: BulkLabel, toId: string, cells: readonly Cell[] = []): void {
    const key = `${type}-${fromLabel}-${toLabel}`;
    let entry = this.rels.get(key);
    if (!entry) {
      const columns: Column[] = [{ start: fromLabel }, { end: toLabel }, ...(REL_COLUMNS[type] ?? [])];
      this.rels.set(key, (entry = { type, table: new CsvTable(this.dir, `rels-${key}`, columns, this.options) }));
    }
    entry.table.write(fromId, cells.length ? [toId, ...cells] : [toId]);
  }

  /** Waits until every file has room again. */
  async drained(): Promise<void> {
    for (const table of this.all()) await table.drained();
  }

  /** Closes every file and lists them for the import. */
  async close(): Promise<TableFile[]> {
    for (const table of this.all()) await table.close();
    const files: TableFile[] = [];
    for (const [label, table] of this.nodes) files.push({ kind: 'nodes', name: label, files: [table.file], rows: table.rows, multiline: table.multiline });
    for (const { type, table } of this.rels.values())
      files.push({ kind: 'relationships', name: type, files: [table.file], rows: table.rows, multiline: table.multiline });
    return files;
  }

  private all(): CsvTable[] {
    return [...this.nodes.values(), ...[...this.rels.values()].map((entry) => entry.table)];
  }
}
