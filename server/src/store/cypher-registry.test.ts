import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CypherRegistry, parseCypherFile } from './cypher-registry';

const dirs: string[] = [];

/** Writes `files` (relative path → text) into a fresh temp folder. */
function cypherDir(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cypher-registry-test-'));
  dirs.push(root);
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

const lookup = ['// @name lookup/thing', '// @mode READ', '// @param id: string', 'MATCH (t:Thing {id: $id}) RETURN t'].join('\n');

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('CypherRegistry', () => {
  it('loads every file by name, with mode and parameters, and skips the schema folder', () => {
    const root = cypherDir({
      'lookup/thing.cypher': lookup,
      'schema/001-constraints.cypher': 'CREATE CONSTRAINT x IF NOT EXISTS FOR (n:X) REQUIRE n.id IS UNIQUE;',
      'lookup/notes.md': 'not a query',
    });
    const registry = new CypherRegistry(root, ['lookup/thing']);
    expect(registry.get('lookup/thing')).toMatchObject({ name: 'lookup/thing', mode: 'READ', params: ['id'] });
    expect(registry.all().map((query) => query.name)).toEqual(['lookup/thing']);
    expect(() => registry.get('lookup/other')).toThrow(/Unknown query 'lookup\/other'/);
  });

  it('fails when the code names a query without a file', () => {
    const root = cypherDir({ 'lookup/thing.cypher': lookup });
    expect(() => new CypherRegistry(root, ['lookup/thing', 'lookup/missing'])).toThrow(/Cypher files missing for queries: lookup\/missing/);
  });

  it('fails on a file the code does not use', () => {
    const root = cypherDir({ 'lookup/thing.cypher': lookup, 'lookup/dead.cypher': lookup.replace('lookup/thing', 'lookup/dead') });
    expect(() => new CypherRegistry(root, ['lookup/thing'])).toThrow(/not used by the code: lookup\/dead/);
  });

  it("fails when a header's @name does not match the file's path", () => {
    const root = cypherDir({ 'lookup/renamed.cypher': lookup });
    expect(() => new CypherRegistry(root, ['lookup/renamed'])).toThrow(/@name 'lookup\/thing' should be 'lookup\/renamed'/);
  });
});

describe('parseCypherFile', () => {
  it('rejects a parameter used but not declared', () => {
    const text = lookup.replace('{id: $id}', '{id: $id, kind: $kind}');
    expect(() => parseCypherFile('thing.cypher', text)).toThrow(/\$kind is used but not declared/);
  });

  it('rejects a parameter declared but not used', () => {
    const text = lookup.replace('// @param id: string', '// @param id: string\n// @param ids: list<string>');
    expect(() => parseCypherFile('thing.cypher', text)).toThrow(/@param ids is declared but not used/);
  });

  it('rejects a missing name or mode, and a mode other than READ or WRITE', () => {
    expect(() => parseCypherFile('a.cypher', lookup.replace('// @name lookup/thing\n', ''))).toThrow(/missing '\/\/ @name'/);
    expect(() => parseCypherFile('a.cypher', lookup.replace('// @mode READ\n', ''))).toThrow(/missing '\/\/ @mode'/);
    expect(() => parseCypherFile('a.cypher', lookup.replace('@mode READ', '@mode SCHEMA'))).toThrow(/READ or WRITE/);
  });

  it('reads typed parameters by name only', () => {
    const text = lookup.replace('// @param id: string', '// @param id: string\n// @param limit: integer').replace('RETURN t', 'RETURN t LIMIT $limit');
    expect(parseCypherFile('a.cypher', text).params).toEqual(['id', 'limit']);
  });
});
