import { describe, expect, it } from 'vitest';
import { gridColumns, gridPositions, type PlacedNode } from './grid';

/** A dagre-style column: `n` members of one aggregate at x = 500, 30 px apart, hanging off a node at x = 300. */
function column(n: number, group = 'agg-1', anchorX: number | null = 300): PlacedNode[] {
  return Array.from({ length: n }, (_, i) => ({ id: `m${String(i).padStart(2, '0')}`, group, x: 500, y: i * 30, anchorX }));
}

describe('aggregate members as a grid', () => {
  it('turns a tall column into a grid wider than one column and far shorter', () => {
    const nodes = column(25);
    const positions = gridPositions(nodes);
    expect(positions.size).toBe(25);
    const xs = new Set([...positions.values()].map((p) => p.x));
    const ys = [...positions.values()].map((p) => p.y);
    expect(xs.size).toBe(gridColumns(25));
    expect(gridColumns(25)).toBeGreaterThan(1);
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(24 * 30 / 2);
    // Rows centred on the column's mean height, first column where the column was.
    expect((Math.max(...ys) + Math.min(...ys)) / 2).toBeCloseTo(12 * 30, 5);
    expect(Math.min(...xs)).toBe(500);
  });

  it('grows away from the anchor: to the left for causes', () => {
    const positions = gridPositions(column(12, 'agg-up', 800));
    expect(Math.max(...[...positions.values()].map((p) => p.x))).toBe(500);
    expect(Math.min(...[...positions.values()].map((p) => p.x))).toBeLessThan(500);
  });

  it('keeps the top-to-bottom order row by row and never puts two members in one cell', () => {
    const positions = gridPositions(column(10));
    const cells = new Set([...positions.values()].map((p) => `${p.x}:${p.y}`));
    expect(cells.size).toBe(10);
    expect(positions.get('m00')!.y).toBeLessThan(positions.get('m09')!.y);
    expect(positions.get('m00')!.x).toBe(500);
  });

  it('leaves small groups and ungrouped nodes alone', () => {
    const nodes = [...column(3, 'small'), { id: 'free', x: 0, y: 0 }];
    expect(gridPositions(nodes).size).toBe(0);
  });

  it('uses about twice as many rows as columns', () => {
    expect([1, 2, 8, 25, 50, 200].map(gridColumns)).toEqual([1, 1, 2, 4, 5, 10]);
  });
});
