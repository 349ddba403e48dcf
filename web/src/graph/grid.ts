/**
 * Paged aggregate members in the DAG layout: dagre puts all members of one aggregate in one
 * rank, a column as tall as the page count. This rearranges each such group into a grid that
 * grows away from the node they hang off. Pure: positions in, positions out.
 */

export interface Position {
  x: number;
  y: number;
}

export interface PlacedNode extends Position {
  id: string;
  /** The aggregate the node was paged in from. */
  group?: string | null;
  /** x of the node the group hangs off (the aggregate's parent), when known. */
  anchorX?: number | null;
}

export interface GridOptions {
  /** Cell size; wide, because labels sit under the nodes. */
  cell?: { width: number; height: number };
  /** Smaller groups stay as dagre drew them. */
  minMembers?: number;
}

/** Columns for `n` members in wide cells: about twice as many rows as columns. */
export function gridColumns(n: number): number {
  return Math.max(1, Math.ceil(Math.sqrt(n / 2)));
}

/**
 * New positions for members of every group of at least `minMembers` nodes: a grid centred on
 * the group's mean height, its first column where dagre put the group, further columns away
 * from the anchor (effects grow to the right, causes to the left). Members keep their top-to-
 * bottom order, row by row. Nodes outside such groups are not in the result.
 */
export function gridPositions(nodes: readonly PlacedNode[], options: GridOptions = {}): Map<string, Position> {
  const cell = options.cell ?? { width: 110, height: 48 };
  const minMembers = options.minMembers ?? 6;
  const groups = new Map<string, PlacedNode[]>();
  for (const node of nodes) if (node.group) groups.set(node.group, [...(groups.get(node.group) ?? []), node]);
  const out = new Map<string, Position>();
  for (const members of groups.values()) {
    if (members.length < minMembers) continue;
    const sorted = [...members].sort((a, b) => a.y - b.y || a.x - b.x || a.id.localeCompare(b.id));
    const columns = gridColumns(sorted.length);
    const rows = Math.ceil(sorted.length / columns);
    const x0 = sorted.reduce((sum, n) => sum + n.x, 0) / sorted.length;
    const y0 = sorted.reduce((sum, n) => sum + n.y, 0) / sorted.length;
    const anchor = sorted.find((n) => n.anchorX != null)?.anchorX;
    const side = anchor != null && anchor > x0 ? -1 : 1;
    sorted.forEach((node, i) => {
      const column = i % columns;
      const row = Math.floor(i / columns);
      out.set(node.id, { x: x0 + side * column * cell.width, y: y0 + (row - (rows - 1) / 2) * cell.height });
    });
  }
  return out;
}
