/**
 * Paged aggregate members in the DAG layout. Left to dagre, the members of one aggregate share
 * one rank: a column as tall as the page count, and most of the layout's work. Instead, dagre
 * lays out the rest and each group of members is placed as a grid beside the node it hangs off,
 * in the next rank on its side, below whatever dagre put there. Pure: positions in, positions out.
 */

export interface Position {
  x: number;
  y: number;
}

export interface GridOptions {
  /** Cell size; wide, because labels sit under the nodes. */
  cell?: { width: number; height: number };
  /** Horizontal distance from the anchor to the grid's first column (about one dagre rank). */
  gap?: number;
}

/** Groups smaller than this stay in the DAG layout. */
export const MIN_GRID_MEMBERS = 6;

/** Columns for `n` members in wide cells: about twice as many rows as columns. */
export function gridColumns(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n / 2)));
}

/**
 * Positions of `members` (in order, row by row) in a grid whose first column is `gap` from the
 * anchor on `side` (+1: effects to the right, -1: causes to the left) and whose further columns
 * grow away from the anchor. The grid is centred on the anchor's height, unless nodes already
 * placed (`obstacles`) occupy its columns: then it starts one row below the lowest of them.
 */
export function gridBeside(
  members: readonly string[],
  anchor: Position,
  side: 1 | -1,
  obstacles: readonly Position[],
  options: GridOptions = {},
): Map<string, Position> {
  const cell = options.cell ?? { width: 125, height: 48 };
  const gap = options.gap ?? 130;
  const columns = gridColumns(members.length);
  const rows = Math.ceil(members.length / columns);
  const first = anchor.x + side * gap;
  const last = first + side * (columns - 1) * cell.width;
  const [left, right] = [Math.min(first, last) - cell.width / 2, Math.max(first, last) + cell.width / 2];
  const inColumns = obstacles.filter((p) => p.x >= left && p.x <= right);
  const centredTop = anchor.y - ((rows - 1) / 2) * cell.height;
  const top = inColumns.length > 0 ? Math.max(centredTop, Math.max(...inColumns.map((p) => p.y)) + cell.height) : centredTop;
  const out = new Map<string, Position>();
  members.forEach((id, i) => {
    out.set(id, { x: first + side * (i % columns) * cell.width, y: top + Math.floor(i / columns) * cell.height });
  });
  return out;
}
