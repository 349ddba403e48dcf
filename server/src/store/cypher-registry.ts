import fs from 'node:fs';
import path from 'node:path';
import { compactCypher } from './cypher-compact';

export type QueryMode = 'READ' | 'WRITE';

/** One Cypher query loaded from `cypher/<area>/<name>.cypher`: the query is data. */
export interface CypherQuery {
  name: string;
  mode: QueryMode;
  params: string[];
  /** What is sent: the file without comments and indentation, on the file's line numbers (`compactCypher`). */
  text: string;
  /** The file as written, header and comments included. */
  source: string;
  file: string;
}

const HEADER = /^\/\/\s*@(name|mode|param)\s+(.+?)\s*$/;

/** Parses one query file's header (`// @name`, `// @mode`, `// @param x: type`); its parameters are checked against the text sent. */
export function parseCypherFile(file: string, source: string): CypherQuery {
  let name: string | undefined;
  let mode: QueryMode | undefined;
  const params: string[] = [];
  for (const line of source.split('\n')) {
    const match = HEADER.exec(line.trim());
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    if (key === 'name') name = value;
    else if (key === 'mode') {
      if (value !== 'READ' && value !== 'WRITE') throw new Error(`${file}: @mode must be READ or WRITE, got '${value}'`);
      mode = value;
    } else params.push(value.split(':')[0]!.trim());
  }
  if (!name) throw new Error(`${file}: missing '// @name' header`);
  if (!mode) throw new Error(`${file}: missing '// @mode' header`);
  const text = compactCypher(source);
  for (const param of params) {
    if (!new RegExp(`\\$${param}\\b`).test(text)) throw new Error(`${file}: @param ${param} is declared but not used`);
  }
  for (const used of text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (!params.includes(used[1]!)) throw new Error(`${file}: $${used[1]} is used but not declared with @param`);
  }
  return { name, mode, params, text, source, file };
}

/**
 * All queries of the service, loaded once at start-up. Loading fails fast when a query the
 * code names has no file, when a file is not named by the code (dead query), or when a
 * file's header disagrees with its path or its parameters.
 */
export class CypherRegistry {
  private readonly queries = new Map<string, CypherQuery>();

  constructor(root: string, expectedNames: readonly string[], skipDirs: readonly string[] = ['schema']) {
    for (const relative of fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!relative.endsWith('.cypher') || skipDirs.some((dir) => relative.startsWith(dir + path.sep))) continue;
      const file = path.join(root, relative);
      const query = parseCypherFile(file, fs.readFileSync(file, 'utf8'));
      const nameFromPath = relative.slice(0, -'.cypher'.length).split(path.sep).join('/');
      if (query.name !== nameFromPath) throw new Error(`${file}: @name '${query.name}' should be '${nameFromPath}'`);
      this.queries.set(query.name, query);
    }
    const expected = new Set(expectedNames);
    const missing = [...expected].filter((name) => !this.queries.has(name));
    const unused = [...this.queries.keys()].filter((name) => !expected.has(name));
    if (missing.length) throw new Error(`Cypher files missing for queries: ${missing.join(', ')}`);
    if (unused.length) throw new Error(`Cypher files not used by the code: ${unused.join(', ')}`);
  }

  get(name: string): CypherQuery {
    const query = this.queries.get(name);
    if (!query) throw new Error(`Unknown query '${name}'`);
    return query;
  }

  all(): CypherQuery[] {
    return [...this.queries.values()];
  }
}
