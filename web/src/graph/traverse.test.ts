import { describe, expect, it } from 'vitest';
import { fromGraphData, type GraphData, type GraphNode } from './model';
import { addAggregatePage, aggregateParent, collapse, filterTypes, mergeGraph, neighbours } from './traverse';

const n = (id: string, type: string): GraphNode => ({ id, type, label: id, properties: {} });

/** dataset version ← training run → model version ← prediction (stored directions). */
const chain: GraphData = {
  nodes: [n('p1', 'Prediction'), n('mv1', 'ModelVersion'), n('tr1', 'Run'), n('dv1', 'DatasetVersion')],
  edges: [
    { source: 'p1', target: 'mv1', type: 'USED' },
    { source: 'tr1', target: 'mv1', type: 'PRODUCED' },
    { source: 'tr1', target: 'dv1', type: 'READ' },
  ],
};

describe('traverse', () => {
  it('finds causes and effects whatever the stored direction', () => {
    const model = fromGraphData(chain, 'p1');
    expect(neighbours(model, 'mv1', 'UPSTREAM')).toEqual(['tr1']);
    expect(neighbours(model, 'mv1', 'DOWNSTREAM')).toEqual(['p1']);
    expect(neighbours(model, 'tr1', 'UPSTREAM')).toEqual(['dv1']);
    expect(neighbours(model, 'tr1', 'BOTH').sort()).toEqual(['dv1', 'mv1']);
  });

  it('merges new nodes and edges once and reports what was added', () => {
    const model = fromGraphData({ nodes: [chain.nodes[0]!, chain.nodes[1]!], edges: [chain.edges[0]!] }, 'p1');
    const { model: merged, added } = mergeGraph(model, chain);
    expect(added).toEqual(['tr1', 'dv1']);
    expect(merged.nodes.size).toBe(4);
    expect(merged.edges.size).toBe(3);
    expect(model.nodes.size).toBe(2);
    expect(mergeGraph(merged, chain).added).toEqual([]);
  });

  it('collapses one side of a node, keeping what the root still reaches', () => {
    const model = fromGraphData(chain, 'p1');
    const collapsed = collapse(model, 'mv1', 'UPSTREAM');
    expect([...collapsed.nodes.keys()].sort()).toEqual(['mv1', 'p1']);
    expect(collapsed.edges.size).toBe(1);
    // A second path from the root to the training run keeps it.
    const withLoad = mergeGraph(model, { nodes: [], edges: [{ source: 'tr1', target: 'p1', type: 'LOADED' }] }).model;
    expect(collapse(withLoad, 'mv1', 'UPSTREAM').nodes.has('tr1')).toBe(true);
  });

  it('filters node types but never the root', () => {
    const model = fromGraphData(chain, 'p1');
    const filtered = filterTypes(model, new Set(['Run', 'Prediction']));
    expect([...filtered.nodes.keys()].sort()).toEqual(['dv1', 'mv1', 'p1']);
    expect(filtered.edges.size).toBe(1);
  });

  it('pages aggregate members in and drops the aggregate after the last page', () => {
    const agg: GraphNode = {
      id: 'run1:MADE_BY:Prediction',
      type: 'Aggregate',
      label: '3 × Prediction',
      properties: {},
      aggregate: { count: 3, of: 'Prediction', relType: 'MADE_BY', outgoing: false },
    };
    const model = fromGraphData({ nodes: [n('run1', 'Run'), agg], edges: [{ source: agg.id, target: 'run1', type: 'MADE_BY' }] }, 'run1');
    expect(aggregateParent(model, agg.id)).toBe('run1');
    const page1 = addAggregatePage(model, agg.id, {
      nodes: [n('a', 'Prediction'), n('b', 'Prediction')],
      edges: [
        { source: 'a', target: 'run1', type: 'MADE_BY' },
        { source: 'b', target: 'run1', type: 'MADE_BY' },
      ],
      endCursor: 'b',
      hasNextPage: true,
    });
    expect(page1.nodes.get(agg.id)?.label).toBe('1 more × Prediction');
    expect(page1.nodes.get(agg.id)?.aggregate?.endCursor).toBe('b');
    const page2 = addAggregatePage(page1, agg.id, {
      nodes: [n('c', 'Prediction')],
      edges: [{ source: 'c', target: 'run1', type: 'MADE_BY' }],
      endCursor: null,
      hasNextPage: false,
    });
    expect(page2.nodes.has(agg.id)).toBe(false);
    expect(page2.nodes.size).toBe(4);
    expect(page2.edges.size).toBe(3);
  });
});
