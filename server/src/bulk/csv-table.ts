import fs from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';

/** Column types of the import tool's CSV header (`name:type`) that the lineage graph uses. */
export type ColumnType = 'string' | 'datetime' | 'double' | 'string[]';

/** A header column: a property (`name:type`) or an id/endpoint field of the import tool. */
export type Column = { name: string; type: ColumnType } | { id: string } | { start: string } | { end: string };

/** A cell: null is an absent property; lists only for `string[]` columns. */
export type Cell = string | number | null | readonly string[];

/**
 * Separates list elements inside one cell (`--array-delimiter`). A control character that no
 * tag (`key=value`, the only list property) holds; a value holding it is refused, not split.
 */
export const ARRAY_DELIMITER = '\u001f';
/** The import tool's spelling of ARRAY_DELIMITER. */
export const ARRAY_DELIMITER_ARG = 'U+001F';

/**
 * How the files are written. `compress` gzips them (`.csv.gz`, which the import tool reads as
 * is): about a fifth of the disk for a back-fill whose CSV would not fit beside its store, at
 * the price of CPU while writing and of the tool parsing each compressed file in one thread.
 */
export interface CsvOptions {
  compress?: boolean;
}

/** gzip's fastest level: the point is disk, and the export is already the slowest step. */
const GZIP_LEVEL = 1;

/** Bytes a table collects before handing them to its file stream: few large writes, not many small ones. */
const CHUNK = 1 << 16;
/** The file stream's own buffer: room for a few chunks before the writer waits for the disk. */
const STREAM_BUFFER = 4 * CHUNK;

function headerField(column: Column): string {
  if ('id' in column) return `id:ID(${column.id})`;
  if ('start' in column) return `:START_ID(${column.start})`;
  if ('end' in column) return `:END_ID(${column.end})`;
  return `${column.name}:${column.type}`;
}

/** RFC 4180 quoting: every string is quoted (so "" is an empty string, not an absent one). */
function quote(value: string): string {
  return value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
}

/**
 * One CSV file of the import: a header and rows, written through a bounded buffer. Remembers
 * whether a value spans lines, because only files named so may (`--multiline-fields`); parsing
 * the rest line by line is what keeps the import parallel.
 */
export class CsvTable {
  readonly file: string;
  rows = 0;
  multiline = false;
  private buffer = '';
  /** Where rows go: the file itself, or the gzip stream in front of it. */
  private readonly stream: Writable;
  private readonly fileStream: fs.WriteStream;
  /** Set while the stream's buffer is full: resolves on its next 'drain' (listened for at once, so none is missed). */
  private draining: Promise<unknown> | undefined;

  constructor(
    dir: string,
    name: string,
    private readonly columns: readonly Column[],
    options: CsvOptions = {},
  ) {
    this.file = path.join(dir, options.compress ? `${name}.csv.gz` : `${name}.csv`);
    this.fileStream = fs.createWriteStream(this.file, { highWaterMark: STREAM_BUFFER });
    if (options.compress) {
      const gzip = zlib.createGzip({ level: GZIP_LEVEL, chunkSize: CHUNK });
      gzip.pipe(this.fileStream);
      // pipe() does not forward errors: a failed file write must still reach close().
      this.fileStream.once('error', (error) => gzip.destroy(error));
      this.stream = gzip;
    } else this.stream = this.fileStream;
    this.buffer = columns.map(headerField).join(',') + '\n';
  }

  /** Appends one row: the first column's cell (an id or a start id), then `cells` for the columns after it. */
  write(first: string, cells: readonly Cell[]): void {
    let line = quote(first);
    for (let i = 0; i < cells.length; i++) line += ',' + this.cell(cells[i]!, this.columns[i + 1]!);
    this.buffer += line + '\n';
    this.rows++;
    if (this.buffer.length >= CHUNK) this.flushBuffer();
  }

  /** Resolves once the file stream has room again (the writer's memory stays bounded). */
  async drained(): Promise<void> {
    if (this.draining) {
      await this.draining;
      this.draining = undefined;
    }
  }

  async close(): Promise<void> {
    this.flushBuffer();
    this.stream.end();
    // The file's own 'finish': with gzip in front, the compressed tail is written after the gzip stream's.
    await once(this.fileStream, 'finish');
  }

  private flushBuffer(): void {
    if (!this.buffer) return;
    if (!this.stream.write(this.buffer) && !this.draining) this.draining = once(this.stream, 'drain');
    this.buffer = '';
  }

  private cell(value: Cell, column: Column): string {
    if (value === null) return '';
    if (!('type' in column)) return quote(String(value));
    switch (column.type) {
      case 'string':
        return this.text(String(value));
      case 'double':
        return String(value);
      case 'datetime':
        return String(value);
      case 'string[]': {
        const items = value as readonly string[];
        if (items.length === 0) return '';
        for (const item of items) if (item.includes(ARRAY_DELIMITER)) throw new Error(`${column.name}: a list element holds U+001F`);
        return this.text(items.join(ARRAY_DELIMITER));
      }
    }
  }

  private text(value: string): string {
    if (!this.multiline && (value.includes('\n') || value.includes('\r'))) this.multiline = true;
    return quote(value);
  }
}
