import neo4j, { type Integer } from 'neo4j-driver';
import { badInput } from '../errors';
import type { Params, QueryRunner } from '../store/executor';
import type { QueryName } from '../store/query-names';

/** Kept under its old name for this feature's callers. */
export { parseStoredJsonObject as parseJsonText } from '../store/stored-json';

/** Lucene's special characters, escaped so user text is searched for, not interpreted. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Longest word searched: Lucene refuses longer prefix terms (the query failed as INTERNAL). */
export const MAX_SEARCH_WORD = 1_000;
/** Longest search text; only the first 16 words are searched anyway. */
export const MAX_SEARCH_TEXT = 10_000;

/** Throws BAD_USER_INPUT naming `path` when the text or one of its words is too long to search. */
export function checkSearchText(text: string, path: string): void {
  if (text.length > MAX_SEARCH_TEXT) throw badInput([{ path, message: `must be at most ${MAX_SEARCH_TEXT} characters, got ${text.length}` }]);
  const longest = text.split(/\s+/).reduce((max, word) => Math.max(max, word.length), 0);
  if (longest > MAX_SEARCH_WORD) throw badInput([{ path, message: `has a word of ${longest} characters; words may have at most ${MAX_SEARCH_WORD}` }]);
}

/**
 * Turns search-box text into a fulltext query: every word is matched as itself (boosted) or as
 * a prefix, so `xray` finds `xray_images` (one token for the standard analyzer). Returns null
 * when nothing searchable is left.
 */
export function toFulltextQuery(text: string): string | null {
  const words = text
    .trim()
    .split(/\s+/)
    // Lower case: the analyzer lowercases terms anyway, and AND/OR/NOT stop being operators.
    .map((word) => word.toLowerCase().replace(LUCENE_SPECIAL, (char) => `\\${char}`))
    .filter((word) => word.length > 0)
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((word) => `(${word}^2 OR ${word}*)`).join(' ');
}

/**
 * Runs a named query and types its rows as the query's RETURN clause shapes them. The one
 * cast of the provenance reads: the executor types rows as records, and the shapes here are
 * interfaces and classes (which have no index signature).
 */
export async function runRows<T>(runner: QueryRunner, name: QueryName, params: Params): Promise<T[]> {
  return (await runner.run(name, params)) as unknown as T[];
}

/**
 * A count or limit parameter as a Cypher INTEGER: JS numbers travel as floats, which LIMIT
 * and list slices reject.
 */
export function int(value: number): Integer {
  return neo4j.int(value);
}
