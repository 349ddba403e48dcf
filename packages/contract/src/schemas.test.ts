import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { depthWithin, deploymentSchema, fitsNeo4jDateTime, ionInstanceSchema, ionSchema, predictionSchema, principalSchema, runSchema } from './schemas.js';
import { LIMITS } from './limits.js';

/** The paths and messages of a failed parse, as `path: message`. */
function issues(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const prediction = {
  id: 'p1',
  runId: 'r1',
  requestId: 'q1',
  subjectKey: 'patient-1',
  at: '2026-03-01T10:00:00Z',
  output: 'CT_SCAN',
  modelVersionIds: ['m1'],
};

const run = { id: 'r1', pipelineNodeId: 'n1', kind: 'TRAINING', startedAt: '2026-03-01T10:00:00Z', status: 'COMPLETED' };

describe('ingest schemas', () => {
  it('accept a valid item', () => {
    expect(issues(predictionSchema, prediction)).toEqual([]);
    expect(issues(predictionSchema, { ...prediction, at: '2026-03-01T10:00:00.123456789+05:30', score: -1.5, inputs: { a: [1, { b: null }] } })).toEqual([]);
  });

  it('limit names to 512 characters and ids to 256 of a safe alphabet', () => {
    expect(issues(principalSchema, { id: 'a', name: 'x'.repeat(LIMITS.nameLength), kind: 'HUMAN' })).toEqual([]);
    expect(issues(principalSchema, { id: 'a', name: 'x'.repeat(LIMITS.nameLength + 1), kind: 'HUMAN' })).toEqual(['name: must be at most 512 characters']);
    expect(issues(predictionSchema, { ...prediction, subjectKey: 'x'.repeat(2 * 1024 * 1024) })).toEqual(['subjectKey: must be at most 512 characters']);
    expect(issues(principalSchema, { id: 'a'.repeat(257), name: 'n', kind: 'HUMAN' })).toEqual(['id: must be at most 256 characters']);
    expect(issues(principalSchema, { id: '-a b', name: 'n', kind: 'HUMAN' })[0]).toMatch(/^id: may hold only/);
  });

  it('limit reference lists to 1,000 ids and JSON fields to 256 KB and 64 levels', () => {
    const ids = Array.from({ length: LIMITS.listLength + 1 }, (_, i) => `m${i}`);
    expect(issues(predictionSchema, { ...prediction, modelVersionIds: ids })).toEqual(['modelVersionIds: must hold at most 1000 ids']);
    expect(issues(predictionSchema, { ...prediction, inputs: { blob: 'x'.repeat(LIMITS.jsonBytes) } })).toEqual([
      'inputs: must serialize to at most 262144 bytes',
    ]);
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = { a: deep };
    expect(issues(runSchema, { ...run, params: deep })).toEqual(['params: must nest at most 64 levels deep']);
    expect(issues(ionSchema.pick({ definition: true }), { definition: deep })).toEqual(['definition: must nest at most 64 levels deep']);
  });

  it('reject unknown fields, unknown enum values and wrong types with the field path', () => {
    expect(issues(principalSchema, { id: 'a', name: 'n', kind: 'HUMAN', role: 'x' })[0]).toMatch(/role/);
    expect(issues(principalSchema, { id: 'a', name: 'n', kind: 'ROBOT' })[0]).toMatch(/^kind: /);
    expect(issues(predictionSchema, { ...prediction, score: 'abc' })[0]).toMatch(/^score: /);
    expect(issues(predictionSchema, { ...prediction, score: Number.POSITIVE_INFINITY })[0]).toMatch(/^score: /);
  });

  it('accept only date-times Neo4j can store', () => {
    for (const bad of ['yesterday', '2026-03-01T10:00:00', '2026-02-30T10:00:00Z', '2026-03-01T10:00:00+19:00', '2026-03-01T10:00:00.1234567891Z']) {
      expect(issues(predictionSchema, { ...prediction, at: bad }), bad).toHaveLength(1);
      expect(issues(predictionSchema, { ...prediction, at: bad })[0]).toMatch(
        /^at: (must be an ISO-8601 date-time|is not a real date|must have an offset within ±18:00|must have at most 9 fractional digits)/,
      );
    }
    expect(issues(predictionSchema, { ...prediction, at: '2026-03-01T10:00:00-18:00' })).toEqual([]);
  });

  it('refuse a run or ION instance that ends before it starts, naming `endedAt`', () => {
    expect(issues(runSchema, { ...run, endedAt: '2026-03-01T11:00:00+01:00' })).toEqual([]);
    expect(issues(runSchema, { ...run, endedAt: '2026-03-01T09:59:59Z' })).toEqual(['endedAt: must not be before startedAt']);
    const instance = { id: 'i1', ionId: 'ion', startedAt: '2026-03-01T10:00:00Z', status: 'RUNNING' };
    expect(issues(ionInstanceSchema, { ...instance, endedAt: '2026-02-01T00:00:00Z' })).toEqual(['endedAt: must not be before startedAt']);
  });

  it('refuse a deployment that ends before it starts, naming `to`', () => {
    const deployment = { id: 'd', modelVersionId: 'm', pipelineNodeId: 'n', role: 'PRIMARY', from: '2026-03-02T00:00:00Z' };
    expect(issues(deploymentSchema, { ...deployment, to: '2026-03-03T00:00:00Z' })).toEqual([]);
    expect(issues(deploymentSchema, { ...deployment, to: '2026-03-01T00:00:00Z' })).toEqual(['to: must not be before from']);
  });
});

describe('fitsNeo4jDateTime and depthWithin', () => {
  it('bound offsets to ±18:00 and fractions to nanoseconds', () => {
    expect(fitsNeo4jDateTime('2026-03-01T10:00:00+18:00')).toBe(true);
    expect(fitsNeo4jDateTime('2026-03-01T10:00:00-18:01')).toBe(false);
    expect(fitsNeo4jDateTime('2026-03-01T10:00:00.123456789Z')).toBe(true);
    expect(fitsNeo4jDateTime('2026-03-01T10:00:00.1234567890Z')).toBe(false);
  });

  it('count nesting of objects and arrays without recursion', () => {
    expect(depthWithin({ a: [{ b: 1 }] }, 3)).toBe(true);
    expect(depthWithin({ a: [{ b: {} }] }, 3)).toBe(false);
    expect(depthWithin('scalar', 0)).toBe(true);
  });
});

describe('reference lists', () => {
  it('refuse a repeated id, naming the repeat (it would write the relationship twice)', () => {
    expect(issues(predictionSchema, { ...prediction, modelVersionIds: ['m1', 'm2', 'm1'] })).toEqual(["modelVersionIds.2: repeats 'm1' of index 0"]);
    expect(issues(runSchema, { ...run, usedFeatureIds: ['f', 'f'] })).toEqual(["usedFeatureIds.1: repeats 'f' of index 0"]);
  });
});
