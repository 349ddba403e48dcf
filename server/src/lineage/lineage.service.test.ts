import { describe, expect, it } from 'vitest';
import { ErrorCode, LineageError } from '../errors';
import type { Params, QueryRunner, Row } from '../store/executor';
import type { QueryName } from '../store/query-names';
import { LineageService } from './lineage.service';
import { MAX_DEPTH, typesFor } from './lineage.traverse';

/** A runner that answers from a script and records every call (no database). */
function scriptedRunner(answer: (name: QueryName, params: Params) => Row[]): QueryRunner & { calls: Array<{ name: QueryName; params: Params }> } {
  const calls: Array<{ name: QueryName; params: Params }> = [];
  return {
    calls,
    async run<T extends Row = Row>(name: QueryName, params: Params = {}) {
      calls.push({ name, params });
      return answer(name, params) as T[];
    },
  };
}

const ROOT = { elementId: 'e0', id: 'n0', type: 'Run', properties: {} };

/** A chain n0 - n1 - n2 - … of `length` nodes beyond the root, one hop each. */
function chain(length: number) {
  return scriptedRunner(chainAnswer(length));
}

function chainAnswer(length: number) {
  return (name: QueryName, params: Params): Row[] => {
    if (name === 'lineage/find-node') return params.id === 'n0' ? [ROOT] : [];
    // The reach hint: the chain's nodes within `hops` of the root.
    if (name === 'lineage/reach') return Array.from({ length: Math.min(params.hops as number, length) + 1 }, (_, i) => ({ elementId: `e${i}` }));
    return (params.ids as string[]).map((elementId) => {
      const next = Number(elementId.slice(1)) + 1;
      const neighbours = next <= length ? [{ elementId: `e${next}`, id: `n${next}`, type: 'Run', properties: {}, relProperties: {} }] : [];
      return { elementId, bulky: [], groups: neighbours.length ? [{ rel: 'TRIGGERED_BY', out: true, type: 'Run', count: 1, neighbours }] : [] };
    });
  };
}

describe('LineageService', () => {
  it('makes three round trips (root, reach, one expand batch), with the direction table’s types', async () => {
    const runner = chain(10);
    const result = await new LineageService(runner).lineage({ nodeId: 'n0', direction: 'DOWNSTREAM', depth: 3 });
    expect(runner.calls.map((call) => call.name)).toEqual(['lineage/find-node', 'lineage/reach', 'lineage/expand']);
    expect(runner.calls[1]!.params).toMatchObject({ ...typesFor('DOWNSTREAM'), limit: 50, asOf: null, hops: 2 });
    expect(runner.calls[2]!.params).toMatchObject({ ...typesFor('DOWNSTREAM'), limit: 50, asOf: null, ids: ['e0', 'e1', 'e2'] });
    expect(result.nodes.map((node) => node.id)).toEqual(['n0', 'n1', 'n2', 'n3']);
    expect(result).toMatchObject({ depth: 3, depthCapped: false, maxDepth: MAX_DEPTH });
  });

  it('stops early when the frontier empties', async () => {
    const runner = chain(2);
    const result = await new LineageService(runner).lineage({ nodeId: 'n0', depth: 8 });
    expect(result.depth).toBe(3);
    expect(runner.calls).toHaveLength(3);
  });

  it('expands a node the reach hint missed in one more round trip, with the same answer', async () => {
    const full = chain(5);
    const answer = chainAnswer(5);
    const partial = scriptedRunner((name, params) => (name === 'lineage/reach' ? [{ elementId: 'e0' }, { elementId: 'e1' }] : answer(name, params)));
    const expected = await new LineageService(full).lineage({ nodeId: 'n0', depth: 4 });
    const result = await new LineageService(partial).lineage({ nodeId: 'n0', depth: 4 });
    expect(result).toEqual(expected);
    expect(partial.calls.map((call) => call.name)).toEqual(['lineage/find-node', 'lineage/reach', 'lineage/expand', 'lineage/expand', 'lineage/expand']);
  });

  it('caps the depth at 10 and reports it', async () => {
    const runner = chain(50);
    const result = await new LineageService(runner).lineage({ nodeId: 'n0', depth: 40 });
    expect(result).toMatchObject({ depth: MAX_DEPTH, depthCapped: true });
    expect(runner.calls.map((call) => call.name)).toEqual(['lineage/find-node', 'lineage/reach', 'lineage/expand']);
    expect(runner.calls[1]!.params).toMatchObject({ hops: MAX_DEPTH - 1 });
  });

  it('rejects bad arguments before touching the database, and reports unknown nodes', async () => {
    const runner = chain(1);
    const service = new LineageService(runner);
    for (const request of [{ nodeId: 'n0', depth: -1 }, { nodeId: 'n0', neighbourLimit: 501 }, { nodeId: 'n0', types: ['Nope'] }, { nodeId: '' }]) {
      await expect(service.lineage(request)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    }
    expect(runner.calls).toEqual([]);
    await expect(service.lineage({ nodeId: 'missing' })).rejects.toBeInstanceOf(LineageError);
    await expect(service.lineage({ nodeId: 'missing' })).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });

  it('pages neighbours with a cursor and infers the direction from the types', async () => {
    const runner = scriptedRunner((name, params) => {
      if (name === 'lineage/find-node') return [ROOT];
      const all = ['p1', 'p2', 'p3'].filter((id) => params.after === null || id > (params.after as string));
      return all.slice(0, (params.first as number) + 1).map((id) => ({ elementId: `e-${id}`, id, type: 'Prediction', properties: {}, relProperties: {} }));
    });
    const service = new LineageService(runner);
    const first = await service.neighbours({ nodeId: 'n0', relType: 'MADE_BY', type: 'Prediction', first: 2 });
    expect(first).toMatchObject({ endCursor: 'p2', hasNextPage: true });
    expect(first.edges[0]).toEqual({ source: 'p1', target: 'n0', type: 'MADE_BY', properties: {} });
    expect(runner.calls[1]!.params).toMatchObject({ outgoing: false, relType: 'MADE_BY', type: 'Prediction' });
    const second = await service.neighbours({ nodeId: 'n0', relType: 'MADE_BY', type: 'Prediction', first: 2, after: first.endCursor });
    expect(second.nodes.map((node) => node.id)).toEqual(['p3']);
    expect(second.hasNextPage).toBe(false);
  });
});
