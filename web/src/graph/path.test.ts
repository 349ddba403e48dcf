import { describe, expect, it } from 'vitest';
import { fromGraphData, type GraphNode } from './model';
import { shortestPath } from './path';

const n = (id: string): GraphNode => ({ id, type: 'Run', label: id, properties: {} });

/** a → b → c → d, plus a shortcut a → x → d and an island z. Stored directions vary. */
const model = fromGraphData({
  nodes: ['a', 'b', 'c', 'd', 'x', 'y', 'z'].map(n),
  edges: [
    { source: 'a', target: 'b', type: 'FEEDS' },
    { source: 'c', target: 'b', type: 'USED' },
    { source: 'c', target: 'd', type: 'FEEDS' },
    { source: 'a', target: 'x', type: 'FEEDS' },
    { source: 'd', target: 'x', type: 'USED' },
    { source: 'b', target: 'y', type: 'FEEDS' },
  ],
});

describe('shortestPath', () => {
  it('finds the fewest hops, walking edges against their stored direction too', () => {
    expect(shortestPath(model, 'a', 'd')).toEqual({ nodes: ['a', 'x', 'd'], edges: ['a|FEEDS|x', 'd|USED|x'] });
    expect(shortestPath(model, 'y', 'c')).toEqual({ nodes: ['y', 'b', 'c'], edges: ['b|FEEDS|y', 'c|USED|b'] });
  });

  it('is symmetric in length', () => {
    expect(shortestPath(model, 'd', 'y')!.nodes).toEqual(['d', 'c', 'b', 'y']);
    expect(shortestPath(model, 'y', 'd')!.nodes).toHaveLength(4);
  });

  it('returns one node for a node to itself', () => {
    expect(shortestPath(model, 'b', 'b')).toEqual({ nodes: ['b'], edges: [] });
  });

  it('returns null when disconnected or when an end is not drawn', () => {
    expect(shortestPath(model, 'a', 'z')).toBeNull();
    expect(shortestPath(model, 'a', 'missing')).toBeNull();
    expect(shortestPath(model, 'missing', 'a')).toBeNull();
  });
});
