import { describe, expect, it } from 'vitest';
import { fromGraphData } from './model';
import { nestedRuns, nestStages, unnestStages } from './stages';
import { LAYOUT_ONLY, toElements } from './to-elements';

/** A training run between its dataset version and its model version, with one stage already drawn as a neighbour. */
const base = fromGraphData(
  {
    nodes: [
      { id: 'dv', type: 'DatasetVersion', label: 'dv', properties: {} },
      { id: 'run', type: 'Run', label: 'TRAINING run', properties: {} },
      { id: 'mv', type: 'ModelVersion', label: 'mv', properties: {} },
      { id: 'st-load', type: 'Stage', label: 'load', properties: { id: 'st-load' } },
    ],
    edges: [
      { source: 'run', target: 'dv', type: 'READ' },
      { source: 'run', target: 'mv', type: 'PRODUCED' },
      { source: 'run', target: 'st-load', type: 'HAS_STAGE' },
    ],
  },
  'mv',
);

const stages = {
  stages: [
    { id: 'st-load', name: 'load', type: 'load', stats: null },
    { id: 'st-train', name: 'train', type: 'train', stats: { seconds: 60 } },
    { id: 'st-eval', name: 'evaluate', type: 'evaluate', stats: null },
  ],
  edges: [
    { from: 'st-load', to: 'st-train' },
    { from: 'st-train', to: 'st-eval' },
  ],
};

describe('a run with its stage DAG as a compound node', () => {
  const nested = nestStages(base, 'run', stages);
  const elements = toElements(nested);
  const byId = new Map(elements.map((e) => [String(e.data.id), e]));

  it('makes every stage a child of the run, new and already drawn ones alike', () => {
    for (const id of ['st-load', 'st-train', 'st-eval']) expect(byId.get(id)?.data.parent).toBe('run');
    expect(byId.get('run')?.data.parent).toBeUndefined();
    expect(nested.nodes.get('st-train')?.properties).toMatchObject({ stats: { seconds: 60 } });
    expect([...nestedRuns(nested)]).toEqual(['run']);
  });

  it('draws FEEDS between the stages and drops the run→stage edge the nesting implies', () => {
    const edges = elements.filter((e) => e.group === 'edges' && !String(e.classes).includes(LAYOUT_ONLY));
    expect(edges.map((e) => `${e.data.source}>${e.data.target}:${e.data.type}`).sort()).toEqual([
      'dv>run:READ',
      'run>mv:PRODUCED',
      'st-load>st-train:FEEDS',
      'st-train>st-eval:FEEDS',
    ]);
  });

  it('adds invisible layout edges from the run’s causes to its first stage and from its last stage to its effects', () => {
    const hints = elements.filter((e) => String(e.classes).includes(LAYOUT_ONLY)).map((e) => `${e.data.source}>${e.data.target}`);
    expect(hints.sort()).toEqual(['dv>st-load', 'st-eval>mv']);
  });

  it('takes the stages out again, and leaves models without the run untouched', () => {
    const back = unnestStages(nested, 'run');
    expect([...back.nodes.keys()].sort()).toEqual(['dv', 'mv', 'run']);
    expect(toElements(back).some((e) => String(e.classes).includes(LAYOUT_ONLY))).toBe(false);
    expect(nestStages(base, 'other-run', stages)).toBe(base);
  });

  it('drops an aggregate of the run’s stages, now that every stage is drawn', () => {
    const withAggregate = fromGraphData(
      {
        nodes: [
          ...base.nodes.values(),
          {
            id: 'run:HAS_STAGE:Stage',
            type: 'Aggregate',
            label: '40 × Stage',
            properties: {},
            aggregate: { count: 40, of: 'Stage', relType: 'HAS_STAGE', outgoing: true },
          },
        ],
        edges: [...base.edges.values(), { source: 'run', target: 'run:HAS_STAGE:Stage', type: 'HAS_STAGE' }],
      },
      'mv',
    );
    expect(nestStages(withAggregate, 'run', stages).nodes.has('run:HAS_STAGE:Stage')).toBe(false);
  });
});
