/**
 * Which paged-in aggregate members the DAG layout leaves out, and where they go afterwards:
 * big groups of members become grids beside the node they hang off (see grid.ts for why).
 * Pure: ids and positions in, positions out; the Cytoscape component reads and writes them.
 */
import { gridBeside, MIN_GRID_MEMBERS, type Position } from './grid';

/** A drawn node as this layout step sees it: `group` is the aggregate a paged-in member came from. */
export interface GroupedNode {
  id: string;
  group?: string | null;
}

/** A drawn edge (layout hints included), from `source` to `target`. */
export interface DrawnEdge {
  source: string;
  target: string;
}

/** Members paged in from one aggregate, the node they hang off and on which side of it they sit. */
export interface MemberGroup {
  members: string[];
  anchor: string;
  /** +1: the members are effects, drawn right of the anchor; -1: causes, drawn left. */
  side: 1 | -1;
}

/**
 * Groups of at least MIN_GRID_MEMBERS members, in order of first appearance. A group's anchor is
 * the far end of the first edge (in `edges` order) that joins its first member to a node outside
 * the group; a group with no such edge is left to the DAG layout.
 */
export function memberGroups(nodes: readonly GroupedNode[], edges: readonly DrawnEdge[]): MemberGroup[] {
  const byGroup = new Map<string, string[]>();
  const groupOf = new Map<string, string>();
  for (const node of nodes) {
    if (!node.group) continue;
    byGroup.set(node.group, [...(byGroup.get(node.group) ?? []), node.id]);
    groupOf.set(node.id, node.group);
  }
  const groups: MemberGroup[] = [];
  for (const [group, members] of byGroup) {
    if (members.length < MIN_GRID_MEMBERS) continue;
    const first = members[0]!;
    const edge = edges.find((e) => (e.source === first || e.target === first) && (groupOf.get(e.source) !== group || groupOf.get(e.target) !== group));
    if (!edge) continue;
    const anchor = edge.source === first ? edge.target : edge.source;
    groups.push({ members, anchor, side: edge.source === anchor ? 1 : -1 });
  }
  return groups;
}

/**
 * New positions of every grouped member: each group as a grid beside its anchor, clear of the
 * nodes the DAG layout placed (`positions`, keyed by id) and of the groups placed before it.
 */
export function placeMemberGrids(groups: readonly MemberGroup[], positions: ReadonlyMap<string, Position>): Map<string, Position> {
  const grouped = new Set(groups.flatMap((g) => g.members));
  const obstacles: Position[] = [...positions].filter(([id]) => !grouped.has(id)).map(([, p]) => ({ x: p.x, y: p.y }));
  const placed = new Map<string, Position>();
  for (const group of groups) {
    const anchor = positions.get(group.anchor);
    if (!anchor) continue;
    for (const [id, position] of gridBeside(group.members, anchor, group.side, obstacles)) {
      placed.set(id, position);
      obstacles.push(position);
    }
  }
  return placed;
}
