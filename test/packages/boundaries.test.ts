/**
 * Package boundaries, checked on every import of the source: the contract and the SDK import
 * only their own files, Node's built-ins and their declared dependencies (so each packs and runs
 * alone); nothing reaches into a package's folder past its name; the web imports the contract
 * for types only; the server never imports the seed (but for its start-up entry, which loads
 * the demo), the SDK or the web.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../server/src/config';

interface ImportRef {
  file: string;
  specifier: string;
  typeOnly: boolean;
}

/** Source files under `dir` (relative to the repository), without dependencies and builds. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && entry.name !== 'dist') walk(full);
      } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  walk(path.join(REPO_ROOT, dir));
  return out;
}

/** Every module specifier a file names: imports, re-exports, dynamic imports and import types. */
function importsOf(file: string): ImportRef[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, typeOnly: boolean) => {
    if (ts.isStringLiteralLike(node)) refs.push({ file, specifier: node.text, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((element) => element.isTypeOnly)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return refs;
}

/** The repository folder a relative specifier lands in, e.g. `server/src/graph`. */
function target(ref: ImportRef): string {
  return path
    .relative(REPO_ROOT, path.resolve(path.dirname(ref.file), ref.specifier))
    .split(path.sep)
    .join('/');
}

const show = (refs: ImportRef[]) => refs.map((ref) => `${path.relative(REPO_ROOT, ref.file)}: '${ref.specifier}'`);

/** The package name of a bare specifier (`@scope/name/sub` → `@scope/name`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

// Each test parses every source file: seconds on a busy machine.
describe('package boundaries', { timeout: 60_000 }, () => {
  it.each([
    ['packages/contract', 'packages/contract/src'],
    ['sdk', 'sdk/src'],
  ])('%s imports only its own files, node built-ins and its declared dependencies', (pkg, src) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, pkg, 'package.json'), 'utf8')) as { name: string; dependencies?: Record<string, string> };
    const allowed = new Set([manifest.name, ...Object.keys(manifest.dependencies ?? {})]);
    const refs = sourceFiles(src).flatMap(importsOf);
    expect(refs.length).toBeGreaterThan(10);
    const outside = refs.filter((ref) => {
      if (ref.specifier.startsWith('.')) return !target(ref).startsWith(`${src}/`);
      if (ref.specifier.startsWith('node:')) return false;
      // Tests run in the repository, with its test runner; they are not packed.
      if (ref.file.endsWith('.test.ts') && ref.specifier === 'vitest') return false;
      return !allowed.has(packageName(ref.specifier));
    });
    expect(show(outside)).toEqual([]);
  });

  it('nothing reaches into a workspace package past its name', () => {
    const refs = ['server', 'seed', 'web/src', 'test', 'bench'].flatMap((dir) => sourceFiles(dir).flatMap(importsOf));
    expect(refs.length).toBeGreaterThan(100);
    const into = refs.filter((ref) => ref.specifier.startsWith('.') && /^(packages|sdk)\//.test(target(ref)));
    const deep = refs.filter((ref) => /^@ion-lineage\/(contract\/(?!schemas$)|sdk\/)/.test(ref.specifier));
    expect(show([...into, ...deep])).toEqual([]);
  });

  it('the web stays in its folder and takes only types from the contract', () => {
    const refs = sourceFiles('web/src').flatMap(importsOf);
    const outside = refs.filter((ref) => ref.specifier.startsWith('.') && !target(ref).startsWith('web/'));
    const runtime = refs.filter((ref) => ref.specifier.startsWith('@ion-lineage/') && !ref.typeOnly);
    expect(show([...outside, ...runtime])).toEqual([]);
    expect(refs.some((ref) => ref.specifier === '@ion-lineage/contract')).toBe(true);
  });

  it('the server imports neither the seed (but for the demo in its start-up entry), the SDK nor the web', () => {
    const refs = sourceFiles('server').flatMap(importsOf);
    const crossing = refs.filter((ref) => ref.specifier.startsWith('.') && /^(seed|sdk|web)\//.test(target(ref)));
    const sdk = refs.filter((ref) => ref.specifier === '@ion-lineage/sdk');
    const allowed = (ref: ImportRef) => path.relative(REPO_ROOT, ref.file) === path.join('server', 'src', 'main.ts') && target(ref) === 'seed/src/demo';
    expect(show([...crossing.filter((ref) => !allowed(ref)), ...sdk])).toEqual([]);
  });

  it('the seed does not import the SDK or the web', () => {
    const refs = sourceFiles('seed').flatMap(importsOf);
    const crossing = refs.filter((ref) => (ref.specifier.startsWith('.') && /^(sdk|web)\//.test(target(ref))) || ref.specifier === '@ion-lineage/sdk');
    expect(show(crossing)).toEqual([]);
  });
});
