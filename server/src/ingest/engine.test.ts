import { describe, expect, it } from 'vitest';
import { LineageError } from '../errors';
import type { Params, QueryRunner, Row } from '../store/executor';
import type { QueryName } from '../store/query-names';
import { contentHash, fieldPath, ingestPart } from './engine';
import { SPECS } from './entities';

describe('fieldPath', () => {
  it('renders zod issue paths like predictions[3].modelVersionIds[0]', () => {
    expect(fieldPath('predictions', 3, ['modelVersionIds', 0])).toBe('predictions[3].modelVersionIds[0]');
    expect(fieldPath('modelVersions', 0, ['members', 2, 'weight'])).toBe('modelVersions[0].members[2].weight');
    expect(fieldPath('ions', 1, ['definition', 'nodes', 0, 'id'])).toBe('ions[1].definition.nodes[0].id');
    expect(fieldPath('principals', 7, [])).toBe('principals[7]');
  });
});

describe('contentHash', () => {
  it('is the same whatever the key order, at every level', () => {
    const a = { id: 'p1', score: 0.5, inputs: { age: 60, vitals: { bp: 120, hr: 80 } }, list: [{ x: 1, y: 2 }] };
    const b = { list: [{ y: 2, x: 1 }], inputs: { vitals: { hr: 80, bp: 120 }, age: 60 }, score: 0.5, id: 'p1' };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any value, and with the order of list items', () => {
    const base = { id: 'p1', score: 0.5, ids: ['a', 'b'] };
    expect(contentHash({ ...base, score: 0.51 })).not.toBe(contentHash(base));
    expect(contentHash({ ...base, ids: ['b', 'a'] })).not.toBe(contentHash(base));
    expect(contentHash({ ...base, extra: null })).not.toBe(contentHash(base));
  });
});

/**
 * A stand-in for a transaction: lookups answer from `stored` (id → content hash), writes are
 * recorded. Enough to check the engine's decisions without a database.
 */
function fakeRunner(stored: Record<string, Record<string, string | null>> = {}) {
  const writes: Array<{ name: QueryName; rows: Row[] }> = [];
  const runner: QueryRunner = {
    async run<T extends Row>(name: QueryName, params: Params = {}): Promise<T[]> {
      if (name.startsWith('lookup/')) {
        const table = stored[name] ?? {};
        return (params.ids as string[]).filter((id) => id in table).map((id) => ({ id, hash: table[id] ?? null }) as unknown as T);
      }
      writes.push({ name, rows: params.rows as Row[] });
      return [];
    },
  };
  return { runner, writes };
}

const principal = (id: string, name = 'Ann') => ({ id, name, kind: 'HUMAN' });

async function caught(promise: Promise<unknown>): Promise<LineageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LineageError);
  return error as LineageError;
}

describe('ingestPart', () => {
  it('writes new items once, collapsing identical duplicates within the batch', async () => {
    const { runner, writes } = fakeRunner();
    const result = await ingestPart(runner, SPECS.principals, [principal('a'), principal('b'), principal('a')]);
    expect(result).toEqual({ created: 2, unchanged: 1 });
    expect(writes.map((w) => w.rows.map((r) => r.id))).toEqual([['a', 'b']]);
  });

  it('skips items stored with the same content and writes nothing when all are replays', async () => {
    const stored = { 'lookup/principal': { a: contentHash(principal('a')) } };
    const { runner, writes } = fakeRunner(stored);
    expect(await ingestPart(runner, SPECS.principals, [principal('a')])).toEqual({ created: 0, unchanged: 1 });
    expect(writes).toEqual([]);
  });

  it('in OPTIMISTIC mode writes without looking its own ids up, leaving stored ids to the constraint', async () => {
    const stored = { 'lookup/principal': { a: contentHash(principal('a')) } };
    const { runner, writes } = fakeRunner(stored);
    expect(await ingestPart(runner, SPECS.principals, [principal('a'), principal('b')], 'OPTIMISTIC')).toEqual({ created: 2, unchanged: 0 });
    expect(writes.map((w) => w.rows.map((r) => r.id))).toEqual([['a', 'b']]);
  });

  it('is a CONFLICT naming the item when a stored id arrives with other content', async () => {
    const { runner, writes } = fakeRunner({ 'lookup/principal': { a: contentHash(principal('a')) } });
    const error = await caught(ingestPart(runner, SPECS.principals, [principal('b'), principal('a', 'Other')]));
    expect(error.code).toBe('CONFLICT');
    expect(error.problems.map((p) => p.path)).toEqual(['principals[1].id']);
    expect(writes).toEqual([]);
  });

  it('names every unknown reference by its field path, sorted by index', async () => {
    const { runner } = fakeRunner({ 'lookup/run': { r1: 'h' }, 'lookup/model-version': { m1: 'h' } });
    const prediction = (id: string, runId: string, modelVersionIds: string[]) => ({
      id,
      runId,
      requestId: id,
      subjectKey: 's',
      at: '2026-03-01T10:00:00Z',
      output: 'o',
      modelVersionIds,
    });
    const items = Array.from({ length: 12 }, (_, i) => prediction(`p${i}`, 'r1', ['m1']));
    items[10] = prediction('p10', 'r1', ['m1', 'missing']);
    items[2] = prediction('p2', 'r-gone', ['m1']);
    const error = await caught(ingestPart(runner, SPECS.predictions, items));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.problems.map((p) => p.path)).toEqual(['predictions[2].runId', 'predictions[10].modelVersionIds[1]']);
  });

  it('lets an ensemble name members of the same batch, but not itself', async () => {
    const { runner } = fakeRunner({ 'lookup/model': { m: 'h' } });
    const version = (id: string, members?: Array<{ modelVersionId: string; weight: number }>) => ({
      id,
      modelId: 'm',
      version: id,
      algorithm: 'a',
      format: 'OPAQUE',
      status: 'CANDIDATE',
      ...(members ? { members } : {}),
    });
    const ok = await ingestPart(runner, SPECS.modelVersions, [version('ens', [{ modelVersionId: 'm1', weight: 1 }]), version('m1')]);
    expect(ok).toEqual({ created: 2, unchanged: 0 });
    const error = await caught(ingestPart(runner, SPECS.modelVersions, [version('self', [{ modelVersionId: 'self', weight: 1 }])]));
    expect(error.problems.map((p) => p.path)).toEqual(['modelVersions[0].members[0].modelVersionId']);
  });

  it('refuses two new IONs of one batch that would create the same pipeline node', async () => {
    const { runner, writes } = fakeRunner();
    const ion = (id: string) => ({ id, name: id, version: '1', definition: { nodes: [{ id: 'shared', name: 'n', role: 'INFERENCE' }], edges: [] } });
    const error = await caught(ingestPart(runner, SPECS.ions, [ion('a'), ion('b')]));
    expect(error.code).toBe('CONFLICT');
    expect(error.problems.map((p) => p.path)).toEqual(['ions[1].definition.nodes[0].id']);
    expect(writes).toEqual([]);
  });

  it('refuses more than 10,000 items before looking at any', async () => {
    const { runner } = fakeRunner();
    const error = await caught(
      ingestPart(
        runner,
        SPECS.principals,
        Array.from({ length: 10_001 }, () => ({})),
      ),
    );
    expect(error.message).toContain('at most 10000');
    expect(error.problems).toHaveLength(1);
  });
});
