import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  aggregateId,
  clampDepth,
  filterByTypes,
  inferOutgoing,
  LineageAccumulator,
  MAX_DEPTH,
  neighbourTypeOf,
  NODE_TYPES,
  REL_TYPES,
  RELATIONS,
  typesFor,
  type HopRow,
} from './lineage.traverse';

const root = { elementId: 'e-run', id: 'run-1', type: 'Run', properties: { kind: 'INFERENCE' } };

function neighbour(id: string, type = 'Prediction') {
  return { elementId: `e-${id}`, id, type, properties: {}, relProperties: {} };
}

describe('typesFor (the direction table)', () => {
  it('walks effect→cause relationships forward when going upstream', () => {
    const { outTypes, inTypes } = typesFor('UPSTREAM');
    expect(outTypes).toEqual(expect.arrayContaining(['MADE_BY', 'USED', 'READ', 'VERSION_OF', 'HAS_MEMBER', 'AUTHORIZED_BY']));
    expect(inTypes).toEqual(expect.arrayContaining(['PRODUCED', 'HAS_STAGE', 'DECIDED']));
    expect(outTypes).not.toContain('PRODUCED');
    expect(inTypes).not.toContain('MADE_BY');
  });

  it('downstream is upstream mirrored, and every type is walked exactly once per side', () => {
    const up = typesFor('UPSTREAM');
    const down = typesFor('DOWNSTREAM');
    expect(down.outTypes).toEqual(up.inTypes);
    expect(down.inTypes).toEqual(up.outTypes);
    expect([...up.outTypes, ...up.inTypes].sort()).toEqual([...REL_TYPES].sort());
  });

  it('BOTH walks every type both ways', () => {
    const both = typesFor('BOTH');
    expect(both.outTypes.sort()).toEqual([...REL_TYPES].sort());
    expect(both.inTypes.sort()).toEqual([...REL_TYPES].sort());
  });

  it('the upstream chain prediction → model → training run → data → dataset follows the table', () => {
    // Each step: [relationship, walked outgoing from the current node?]
    const chain: Array<[keyof typeof RELATIONS, boolean]> = [
      ['USED', true],
      ['PRODUCED', false],
      ['READ', true],
      ['VERSION_OF', true],
    ];
    const { outTypes, inTypes } = typesFor('UPSTREAM');
    for (const [rel, outgoing] of chain) expect((outgoing ? outTypes : inTypes) as string[]).toContain(rel);
  });
});

describe('depth and naming rules', () => {
  it('caps depth at MAX_DEPTH and says so', () => {
    expect(clampDepth(3)).toEqual({ depth: 3, capped: false });
    expect(clampDepth(MAX_DEPTH)).toEqual({ depth: MAX_DEPTH, capped: false });
    expect(clampDepth(25)).toEqual({ depth: MAX_DEPTH, capped: true });
  });

  it('knows every node type of the graph model', () => {
    expect([...NODE_TYPES].sort()).toEqual([
      'Aggregate',
      'Approval',
      'Column',
      'Dataset',
      'DatasetVersion',
      'Deployment',
      'Event',
      'Feature',
      'ION',
      'IONInstance',
      'Model',
      'ModelVersion',
      'PipelineNode',
      'Prediction',
      'Principal',
      'Run',
      'Stage',
    ]);
  });

  it('names aggregates <nodeId>:<REL>:<Type>', () => {
    expect(aggregateId('run-1', 'MADE_BY', 'Prediction')).toBe('run-1:MADE_BY:Prediction');
  });

  it('knows the neighbour type and direction of a fan-in', () => {
    expect(neighbourTypeOf('MADE_BY', false)).toBe('Prediction');
    expect(neighbourTypeOf('MADE_BY', true)).toBe('Run');
    expect(inferOutgoing('MADE_BY', 'Run', 'Prediction')).toBe(false);
    expect(inferOutgoing('MADE_BY', 'Prediction', 'Run')).toBe(true);
    expect(inferOutgoing('PRODUCED', 'Run', 'ModelVersion')).toBe(true);
    expect(inferOutgoing('HAS_MEMBER', 'ModelVersion', 'ModelVersion')).toBe(false);
  });
});

describe('LineageAccumulator (aggregation decisions)', () => {
  it('replaces a degree-checked fan-in with one aggregate node and a truncation marker', () => {
    const graph = new LineageAccumulator(root);
    const rows: HopRow[] = [{ elementId: 'e-run', bulky: [{ rel: 'MADE_BY', out: false, count: 1_000_000 }], groups: [] }];
    expect(graph.applyHop(rows, 50)).toEqual([]);
    const aggregate = graph.nodes.get('run-1:MADE_BY:Prediction');
    expect(aggregate).toMatchObject({ type: 'Aggregate', aggregate: { count: 1_000_000, relType: 'MADE_BY', of: 'Prediction', outgoing: false } });
    expect([...graph.edges.values()]).toEqual([{ source: 'run-1:MADE_BY:Prediction', target: 'run-1', type: 'MADE_BY', properties: {} }]);
    expect(graph.truncated).toEqual([
      { nodeId: 'run-1', relType: 'MADE_BY', type: 'Prediction', count: 1_000_000, aggregateId: 'run-1:MADE_BY:Prediction', outgoing: false },
    ]);
  });

  it('aggregates an expanded group larger than the limit, keeps one at the limit', () => {
    const graph = new LineageAccumulator(root);
    const big = Array.from({ length: 3 }, (_, i) => neighbour(`stage-${i}`, 'Stage'));
    const small = [neighbour('node-1', 'PipelineNode'), neighbour('node-2', 'PipelineNode')];
    const next = graph.applyHop(
      [
        {
          elementId: 'e-run',
          bulky: [],
          groups: [
            { rel: 'HAS_STAGE', out: true, type: 'Stage', count: 3, neighbours: [] },
            { rel: 'OF_NODE', out: true, type: 'PipelineNode', count: 2, neighbours: small },
          ],
        },
      ],
      2,
    );
    expect(big).toHaveLength(3);
    expect(next).toEqual(['e-node-1', 'e-node-2']);
    expect(graph.nodes.get('run-1:HAS_STAGE:Stage')?.aggregate?.count).toBe(3);
    expect([...graph.edges.values()].filter((edge) => edge.type === 'OF_NODE')).toEqual([
      { source: 'run-1', target: 'node-1', type: 'OF_NODE', properties: {} },
      { source: 'run-1', target: 'node-2', type: 'OF_NODE', properties: {} },
    ]);
  });

  it('never revisits a node and deduplicates edges', () => {
    const graph = new LineageAccumulator(root);
    const row: HopRow = {
      elementId: 'e-run',
      bulky: [],
      groups: [{ rel: 'OF_NODE', out: true, type: 'PipelineNode', count: 1, neighbours: [neighbour('node-1', 'PipelineNode')] }],
    };
    expect(graph.applyHop([row], 50)).toEqual(['e-node-1']);
    expect(graph.applyHop([row], 50)).toEqual([]);
    expect(graph.edges.size).toBe(1);
    expect(graph.nodes.size).toBe(2);
  });
});

describe('filterByTypes', () => {
  it('keeps the root, wanted types and their aggregates, and edges between kept nodes', () => {
    const nodes = [
      { id: 'p', type: 'Prediction', label: 'p', properties: {} },
      { id: 'r', type: 'Run', label: 'r', properties: {} },
      { id: 'd', type: 'Dataset', label: 'd', properties: {} },
      { id: 'x:USED:Prediction', type: 'Aggregate', label: 'x', properties: {}, aggregate: { count: 9, relType: 'USED', of: 'Prediction', outgoing: false } },
    ];
    const edges = [
      { source: 'p', target: 'r', type: 'MADE_BY', properties: {} },
      { source: 'x:USED:Prediction', target: 'p', type: 'USED', properties: {} },
    ];
    const kept = filterByTypes('r', nodes, edges, ['Prediction']);
    expect(kept.nodes.map((node) => node.id)).toEqual(['p', 'r', 'x:USED:Prediction']);
    expect(kept.edges).toHaveLength(2);
    expect(filterByTypes('r', nodes, edges, null)).toEqual({ nodes, edges });
  });
});

describe('lineage/expand.cypher agrees with the direction table', () => {
  // Relationship types cannot be Cypher parameters, so the query names them literally; this
  // keeps its lists and the table above from drifting apart.
  const text = fs.readFileSync(new URL('../../../cypher/lineage/expand.cypher', import.meta.url), 'utf8');
  const ofCausality = (causality: string) => REL_TYPES.filter((rel) => RELATIONS[rel].causality === causality).sort();

  it('walks effect→cause types forward and cause→effect types backward toward causes', () => {
    const forward = /MATCH \(n\)-\[r:([A-Z_|]+)\]->\(m\) WHERE type\(r\) IN \$outTypes/.exec(text);
    const backward = /MATCH \(n\)<-\[r:([A-Z_|]+)\]-\(m\) WHERE type\(r\) IN \$inTypes/.exec(text);
    expect(forward?.[1]?.split('|').sort()).toEqual(ofCausality('EFFECT_TO_CAUSE'));
    expect(backward?.[1]?.split('|').sort()).toEqual(ofCausality('CAUSE_TO_EFFECT'));
  });

  it('degree-checks and expands every type one by one toward effects', () => {
    for (const rel of ofCausality('EFFECT_TO_CAUSE')) {
      expect(text).toContain(`COUNT { (n)<-[:${rel}]-() }`);
      expect(text).toContain(`MATCH (n)<-[r:${rel}]-(m) RETURN r, m, false AS out`);
    }
    for (const rel of ofCausality('CAUSE_TO_EFFECT')) {
      expect(text).toContain(`COUNT { (n)-[:${rel}]->() }`);
      expect(text).toContain(`MATCH (n)-[r:${rel}]->(m) RETURN r, m, true AS out`);
    }
  });
});
