import { describe, expect, it } from 'vitest';
import { gridBeside, gridColumns } from './grid';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `m${String(i).padStart(2, '0')}`);
const anchor = { x: 300, y: 200 };
const options = { cell: { width: 100, height: 40 }, gap: 120 };

describe('aggregate members as a grid beside their anchor', () => {
  it('turns 25 members into a few columns instead of one tall column, centred on the anchor', () => {
    const positions = gridBeside(ids(25), anchor, 1, [], options);
    const xs = [...new Set([...positions.values()].map((p) => p.x))].sort((a, b) => a - b);
    const ys = [...positions.values()].map((p) => p.y);
    expect(xs).toEqual([420, 520, 620, 720]);
    expect(Math.max(...ys) - Math.min(...ys)).toBe(6 * 40);
    expect((Math.max(...ys) + Math.min(...ys)) / 2).toBe(200);
  });

  it('grows to the left for causes', () => {
    const xs = [...gridBeside(ids(12), anchor, -1, [], options).values()].map((p) => p.x);
    expect(Math.max(...xs)).toBe(180);
    expect(Math.min(...xs)).toBe(-20);
  });

  it('keeps the order row by row, one member per cell', () => {
    const positions = gridBeside(ids(10), anchor, 1, [], options);
    expect(new Set([...positions.values()].map((p) => `${p.x}:${p.y}`)).size).toBe(10);
    expect(positions.get('m00')).toEqual({ x: 420, y: positions.get('m01')!.y });
    expect(positions.get('m00')!.y).toBeLessThan(positions.get('m09')!.y);
  });

  it('starts below nodes already placed in its columns, and ignores nodes elsewhere', () => {
    const obstacles = [
      { x: 420, y: 260 }, // the aggregate's remainder, in the first column
      { x: 2000, y: 900 }, // far away
    ];
    const ys = [...gridBeside(ids(8), anchor, 1, obstacles, options).values()].map((p) => p.y);
    expect(Math.min(...ys)).toBe(300);
  });

  it('uses about twice as many rows as columns', () => {
    expect([1, 2, 8, 25, 50, 200].map(gridColumns)).toEqual([1, 1, 2, 4, 5, 10]);
  });
});
