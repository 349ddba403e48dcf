import { describe, expect, it } from 'vitest';
import { checkIonDefinition } from './ion-definition';

const node = (id: string, role = 'INFERENCE') => ({ id, name: `node ${id}`, role });
const valid = {
  nodes: [node('train', 'TRAINING'), node('policy', 'POLICY'), node('infer'), node('control', 'CONTROL')],
  edges: [
    { from: 'train', to: 'policy', message: 'MODEL' },
    { from: 'policy', to: 'infer', message: 'MODEL' },
    { from: 'infer', to: 'policy', message: 'EVENT' },
  ],
  policy: { metric: 'auc', minimum: 0.8, requiresApproval: true },
};

const paths = (definition: unknown) => checkIonDefinition(definition).map((p) => p.path);

describe('checkIonDefinition', () => {
  it('accepts a well-formed definition, with or without a policy', () => {
    expect(checkIonDefinition(valid)).toEqual([]);
    const { policy: _policy, ...withoutPolicy } = valid;
    expect(checkIonDefinition(withoutPolicy)).toEqual([]);
  });

  it('requires nodes and edges, and at least one node', () => {
    expect(checkIonDefinition({ edges: [] })).toEqual([{ path: 'definition', message: "must have required property 'nodes'" }]);
    expect(paths({ nodes: [node('a')] })).toEqual(['definition']);
    expect(paths({ nodes: [], edges: [] })).toEqual(['definition.nodes']);
  });

  it('names a bad role with the allowed values', () => {
    const [problem] = checkIonDefinition({ nodes: [node('a', 'WIZARD')], edges: [] });
    expect(problem?.path).toBe('definition.nodes[0].role');
    expect(problem?.message).toContain('TRAINING, INFERENCE, CONTROL, POLICY, ETL, MONITOR');
  });

  it('names unknown properties, bad messages and malformed ids', () => {
    expect(checkIonDefinition({ ...valid, colour: 'red' })[0]?.message).toContain("'colour'");
    expect(paths({ nodes: [node('a')], edges: [{ from: 'a', to: 'a', message: 'EMAIL' }] })).toEqual(['definition.edges[0].message']);
    expect(paths({ nodes: [node('has space')], edges: [] })).toEqual(['definition.nodes[0].id']);
  });

  it('finds duplicate node ids and edges between undefined nodes', () => {
    expect(checkIonDefinition({ nodes: [node('a'), node('b'), node('a')], edges: [] })).toEqual([
      { path: 'definition.nodes[2].id', message: "duplicate node id 'a'" },
    ]);
    expect(
      checkIonDefinition({
        nodes: [node('a')],
        edges: [
          { from: 'ghost', to: 'a', message: 'DATA' },
          { from: 'a', to: 'nowhere', message: 'MODEL' },
        ],
      }),
    ).toEqual([
      { path: 'definition.edges[0].from', message: "no node with id 'ghost'" },
      { path: 'definition.edges[1].to', message: "no node with id 'nowhere'" },
    ]);
  });

  it('reports what is wrong with a value that is not an object at all', () => {
    expect(paths(null)).toEqual(['definition']);
    expect(paths('nodes')).toEqual(['definition']);
  });
});
