/**
 * How one spooled record is written: one line per record, `<kind>\t<json>\n`, where `kind` is a
 * part name (the line holds one item of that part) or `bundle` (the line holds a whole bundle,
 * delivered in one transaction). JSON.stringify escapes tabs and newlines inside strings, so
 * the first tab and the line's newline can be found without parsing the JSON; the sender builds
 * request bodies from the stored JSON text as it is.
 */
import type { IngestBundle } from '@ion-lineage/contract';
import { isPart, MAX_PART_ITEMS, PARTS, type Part } from './parts.js';

/** One record as the sender sees it: a single item, or a bundle kept whole. */
export type SpoolRecord = { kind: 'item'; part: Part; json: string } | { kind: 'bundle'; parts: Map<Part, string[]> };

const BUNDLE = 'bundle';
const NEWLINE = 0x0a;

/** Encodes one item of `part` as a spool line. */
export function encodeItem(part: Part, item: unknown): string {
  return `${part}\t${JSON.stringify(item)}\n`;
}

/** Encodes a bundle as one spool line; its parts stay together in one delivery. */
export function encodeBundle(bundle: IngestBundle): string {
  return `${BUNDLE}\t${JSON.stringify(bundle)}\n`;
}

/** How many items a bundle holds, checking that each part fits in one request. */
export function bundleItemCount(bundle: IngestBundle): number {
  let count = 0;
  for (const part of PARTS) {
    const items = bundle[part];
    if (items === undefined) continue;
    if (!Array.isArray(items)) throw new TypeError(`bundle.${part} must be a list`);
    if (items.length > MAX_PART_ITEMS) throw new RangeError(`bundle.${part} holds ${items.length} items; at most ${MAX_PART_ITEMS} go in one delivery`);
    count += items.length;
  }
  return count;
}

/** Reads one line (without its newline) back; throws on a line that is not a record. */
export function decodeLine(line: string): SpoolRecord {
  const tab = line.indexOf('\t');
  if (tab <= 0) throw new Error('spool line without a kind');
  const kind = line.slice(0, tab);
  const json = line.slice(tab + 1);
  if (kind === BUNDLE) {
    const bundle = JSON.parse(json) as Record<string, unknown>;
    const parts = new Map<Part, string[]>();
    for (const [name, items] of Object.entries(bundle)) {
      if (!isPart(name) || !Array.isArray(items)) throw new Error(`spooled bundle has an unknown part '${name}'`);
      if (items.length > 0)
        parts.set(
          name,
          items.map((item) => JSON.stringify(item)),
        );
    }
    return { kind: 'bundle', parts };
  }
  if (!isPart(kind)) throw new Error(`spool line of unknown kind '${kind.slice(0, 40)}'`);
  return { kind: 'item', part: kind, json };
}

/** Items a record delivers. */
export function recordItems(record: SpoolRecord): number {
  if (record.kind === 'item') return 1;
  let count = 0;
  for (const items of record.parts.values()) count += items.length;
  return count;
}

/**
 * Splits a buffer of spool text into complete lines. Returns the lines and how many bytes they
 * take (with their newlines); bytes after the last newline are an incomplete line.
 */
export function splitLines(buffer: Buffer): { lines: string[]; bytes: number; lengths: number[] } {
  const lines: string[] = [];
  const lengths: number[] = [];
  let start = 0;
  for (;;) {
    const end = buffer.indexOf(NEWLINE, start);
    if (end < 0) break;
    lines.push(buffer.toString('utf8', start, end));
    lengths.push(end + 1 - start);
    start = end + 1;
  }
  return { lines, bytes: start, lengths };
}

/** One line read back: the decoded record, or the reason it could not be read. */
export interface SpoolEntry {
  line: string;
  record?: SpoolRecord;
  error?: string;
  items: number;
}

/** Decodes a spool line; an unreadable line becomes an entry with its error (one item). */
export function decodeEntry(line: string): SpoolEntry {
  try {
    const record = decodeLine(line);
    return { line, record, items: recordItems(record) };
  } catch (error) {
    return { line, error: `unreadable spool line: ${(error as Error).message}`, items: 1 };
  }
}

/** How many items of each part a record holds. */
export function partCounts(record: SpoolRecord): Map<Part, number> {
  if (record.kind === 'item') return new Map([[record.part, 1]]);
  return new Map([...record.parts].map(([part, items]) => [part, items.length]));
}
