import { describe, expect, it } from 'vitest';
import { countByType, flowOf, fromGraphData, NODE_TYPES } from './model';
import { layoutOptions } from './layouts';
import { graphStylesheet, lookOf, NODE_LOOKS } from './style';
import { shorten, toElements } from './to-elements';

const model = fromGraphData(
  {
    nodes: [
      { id: 'p1', type: 'Prediction', label: 'patient-000001 → CT_SCAN', properties: {} },
      { id: 'r1', type: 'Run', label: 'INFERENCE run-1', properties: {} },
      {
        id: 'r1:MADE_BY:Prediction',
        type: 'Aggregate',
        label: '900 × Prediction',
        properties: {},
        aggregate: { count: 900, of: 'Prediction', relType: 'MADE_BY', outgoing: false },
      },
    ],
    edges: [
      { source: 'p1', target: 'r1', type: 'MADE_BY' },
      { source: 'r1:MADE_BY:Prediction', target: 'r1', type: 'MADE_BY' },
      { source: 'p1', target: 'missing', type: 'USED' },
    ],
  },
  'p1',
);

describe('to-elements', () => {
  it('draws edges from cause to effect and keeps the stored direction', () => {
    const elements = toElements(model);
    const edge = elements.find((e) => e.group === 'edges' && e.data.type === 'MADE_BY' && e.data.storedSource === 'p1');
    expect(edge?.data).toMatchObject({ source: 'r1', target: 'p1', storedSource: 'p1', storedTarget: 'r1' });
    expect(flowOf({ source: 'tr', target: 'mv', type: 'PRODUCED' })).toEqual({ from: 'tr', to: 'mv' });
  });

  it('marks the root, carries aggregate counts and drops edges to unknown nodes', () => {
    const elements = toElements(model, { classes: new Map([['r1', 'differs']]) });
    expect(elements.filter((e) => e.group === 'nodes')).toHaveLength(3);
    expect(elements.filter((e) => e.group === 'edges')).toHaveLength(2);
    expect(elements.find((e) => e.data.id === 'p1')?.classes).toBe('root');
    expect(elements.find((e) => e.data.id === 'r1')?.classes).toBe('differs');
    expect(elements.find((e) => e.data.id === 'r1:MADE_BY:Prediction')?.data.count).toBe(900);
  });

  it('puts extra classes on edges by key (a highlighted path) and styles them', () => {
    const elements = toElements(model, { edgeClasses: new Map([['p1|MADE_BY|r1', 'path']]) });
    expect(elements.find((e) => e.data.id === 'p1|MADE_BY|r1')?.classes).toBe('path');
    expect(elements.find((e) => e.data.id === 'r1:MADE_BY:Prediction|MADE_BY|r1')?.classes).toBe('');
    const selectors = graphStylesheet().map((rule) => ('selector' in rule ? rule.selector : ''));
    expect(selectors).toEqual(expect.arrayContaining(['node.path', 'edge.path']));
  });

  it('shortens long labels', () => {
    expect(shorten('abcdef', 4)).toBe('abc…');
    expect(shorten('abc', 4)).toBe('abc');
  });

  it('counts nodes per type in causal order', () => {
    expect(countByType(model)).toEqual([
      { type: 'Run', count: 1 },
      { type: 'Prediction', count: 1 },
      { type: 'Aggregate', count: 1 },
    ]);
  });
});

describe('style and layouts', () => {
  it('gives every known type a distinct look and unknown types a fallback', () => {
    for (const type of NODE_TYPES) expect(NODE_LOOKS[type]).toBeDefined();
    const colours = new Set(NODE_TYPES.map((t) => lookOf(t).color));
    expect(colours.size).toBe(NODE_TYPES.length);
    expect(lookOf('Nope').shape).toBe('ellipse');
    expect(graphStylesheet().some((rule) => 'selector' in rule && rule.selector === 'node[type = "Approval"]')).toBe(true);
  });

  it('lays the DAG out left to right', () => {
    expect(layoutOptions('dagre', 10)).toMatchObject({ name: 'dagre', rankDir: 'LR' });
    expect(layoutOptions('compact', 10).name).toBe('cose');
  });
});
