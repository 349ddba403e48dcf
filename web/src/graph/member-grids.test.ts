import { describe, expect, it } from 'vitest';
import { MIN_GRID_MEMBERS } from './grid';
import { memberGroups, placeMemberGrids, type GroupedNode } from './member-grids';

/** `n` predictions paged in from aggregate `agg`, made by run `run` (stored run → prediction). */
function paged(n: number, agg = 'agg:run-1', run = 'run-1') {
  const members = Array.from({ length: n }, (_, i) => `p${i}`);
  const nodes: GroupedNode[] = [{ id: run }, { id: 'model' }, ...members.map((id) => ({ id, group: agg }))];
  const edges = [{ source: 'model', target: run }, ...members.map((id) => ({ source: run, target: id }))];
  return { members, nodes, edges };
}

describe('groups of paged aggregate members', () => {
  it('finds the members of one aggregate, their anchor and that they are its effects', () => {
    const { members, nodes, edges } = paged(8);
    expect(memberGroups(nodes, edges)).toEqual([{ members, anchor: 'run-1', side: 1 }]);
  });

  it('puts causes on the left: the anchor is the target of the joining edge', () => {
    const nodes: GroupedNode[] = [{ id: 'dv' }, ...Array.from({ length: 7 }, (_, i) => ({ id: `r${i}`, group: 'agg:dv' }))];
    const edges = nodes.slice(1).map((n) => ({ source: n.id, target: 'dv' }));
    expect(memberGroups(nodes, edges)).toEqual([{ members: nodes.slice(1).map((n) => n.id), anchor: 'dv', side: -1 }]);
  });

  it('leaves small groups, and groups joined to nothing outside, to the DAG layout', () => {
    const small = paged(MIN_GRID_MEMBERS - 1);
    expect(memberGroups(small.nodes, small.edges)).toEqual([]);
    const { nodes } = paged(9);
    const inside = [{ source: 'p0', target: 'p1' }];
    expect(memberGroups(nodes, inside)).toEqual([]);
  });

  it('skips edges inside the group when looking for the anchor', () => {
    const { members, nodes, edges } = paged(6);
    expect(memberGroups(nodes, [{ source: 'p0', target: 'p1' }, ...edges])).toEqual([{ members, anchor: 'run-1', side: 1 }]);
  });
});

describe('placing member grids after the DAG layout', () => {
  it('places every member right of its anchor, one per cell, clear of the other nodes', () => {
    const { members, nodes, edges } = paged(12);
    const groups = memberGroups(nodes, edges);
    // What dagre drew: model, run, and the members still stacked in one column.
    const positions = new Map([['model', { x: 0, y: 0 }], ['run-1', { x: 200, y: 0 }], ...members.map((id, i) => [id, { x: 400, y: i * 40 }] as const)]);
    const placed = placeMemberGrids(groups, positions);
    expect([...placed.keys()].sort()).toEqual([...members].sort());
    const cells = [...placed.values()];
    expect(new Set(cells.map((p) => `${p.x}:${p.y}`)).size).toBe(12);
    expect(Math.min(...cells.map((p) => p.x))).toBeGreaterThan(200);
    // The members' old positions are not obstacles; the anchor's height centres the grid.
    const ys = cells.map((p) => p.y);
    expect((Math.max(...ys) + Math.min(...ys)) / 2).toBe(0);
  });

  it('keeps a second group beside the same anchor below the first', () => {
    const a = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, group: 'agg:a' }));
    const b = Array.from({ length: 6 }, (_, i) => ({ id: `b${i}`, group: 'agg:b' }));
    const edges = [...a, ...b].map((n) => ({ source: 'run', target: n.id }));
    const groups = memberGroups([{ id: 'run' }, ...a, ...b], edges);
    expect(groups.map((g) => g.anchor)).toEqual(['run', 'run']);
    const placed = placeMemberGrids(groups, new Map([['run', { x: 0, y: 0 }]]));
    const lowestA = Math.max(...a.map((n) => placed.get(n.id)!.y));
    const highestB = Math.min(...b.map((n) => placed.get(n.id)!.y));
    expect(highestB).toBeGreaterThan(lowestA);
  });

  it('places nothing for a group whose anchor has no position', () => {
    expect(placeMemberGrids([{ members: ['x'], anchor: 'gone', side: 1 }], new Map())).toEqual(new Map());
  });
});
