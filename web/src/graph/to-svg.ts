/**
 * A drawn graph → a standalone SVG document: nodes as their type's shape with the label below,
 * edges as straight lines with an arrow head. Pure: the caller reads positions from Cytoscape.
 * Written here rather than using the `cytoscape-svg` extension, which is GPL-3.0 licensed.
 */
import { lookOf, type NodeLook } from './style';

export interface SvgNode {
  id: string;
  type: string;
  label: string;
  /** Centre in model coordinates. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Extra emphasis (root, path) drawn as a thicker dark border. */
  emphasis?: boolean;
}

export interface SvgEdge {
  source: string;
  target: string;
  type: string;
  emphasis?: boolean;
}

/** Escapes text for use in SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Points of a regular polygon (first vertex at the top) or, with `inner`, a star. */
function polygon(node: SvgNode, sides: number, inner?: number): string {
  const points: string[] = [];
  const count = inner ? sides * 2 : sides;
  for (let i = 0; i < count; i++) {
    const angle = -Math.PI / 2 + (i * 2 * Math.PI) / count;
    const scale = inner && i % 2 === 1 ? inner : 1;
    points.push(`${round(node.x + (Math.cos(angle) * node.width * scale) / 2)},${round(node.y + (Math.sin(angle) * node.height * scale) / 2)}`);
  }
  return points.join(' ');
}

const SIDES: Partial<Record<NodeLook['shape'], number>> = { triangle: 3, diamond: 4, pentagon: 5, hexagon: 6, octagon: 8 };

/** The SVG element drawing one node's shape. */
export function shapeOf(node: SvgNode): string {
  const look = lookOf(node.type);
  const stroke = node.emphasis ? 'stroke="#212529" stroke-width="3"' : 'stroke="#ffffff" stroke-width="1"';
  const paint = `fill="${look.color}" ${stroke}`;
  const left = round(node.x - node.width / 2);
  const top = round(node.y - node.height / 2);
  if (look.shape === 'ellipse')
    return `<ellipse cx="${round(node.x)}" cy="${round(node.y)}" rx="${round(node.width / 2)}" ry="${round(node.height / 2)}" ${paint}/>`;
  if (look.shape === 'star') return `<polygon points="${polygon(node, 5, 0.45)}" ${paint}/>`;
  const sides = SIDES[look.shape];
  if (sides) return `<polygon points="${polygon(node, sides)}" ${paint}/>`;
  const rx = look.shape === 'rectangle' ? 0 : Math.min(node.width, node.height) / 4;
  return `<rect x="${left}" y="${top}" width="${round(node.width)}" height="${round(node.height)}" rx="${round(rx)}" ${paint}/>`;
}

/**
 * The whole drawing as an SVG document sized to its content plus `margin`. Edges whose ends are
 * not among the nodes are skipped.
 */
export function toSvg(nodes: readonly SvgNode[], edges: readonly SvgEdge[], margin = 24): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const labelRoom = 18;
  const minX = Math.min(...nodes.map((n) => n.x - Math.max(n.width / 2, 60))) - margin;
  const minY = Math.min(...nodes.map((n) => n.y - n.height / 2)) - margin;
  const maxX = Math.max(...nodes.map((n) => n.x + Math.max(n.width / 2, 60))) + margin;
  const maxY = Math.max(...nodes.map((n) => n.y + n.height / 2 + labelRoom)) + margin;
  const [x0, y0, w, h] = nodes.length ? [round(minX), round(minY), round(maxX - minX), round(maxY - minY)] : [0, 0, 1, 1];
  const lines: string[] = [];
  for (const edge of edges) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!from || !to) continue;
    // Stop the line at the target's bounding circle so the arrow head stays visible.
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy) || 1;
    const back = Math.min(length, Math.max(to.width, to.height) / 2 + 2);
    const colour = edge.emphasis ? '#212529' : '#adb5bd';
    lines.push(
      `<line x1="${round(from.x)}" y1="${round(from.y)}" x2="${round(to.x - (dx / length) * back)}" y2="${round(to.y - (dy / length) * back)}" stroke="${colour}" stroke-width="${edge.emphasis ? 3 : 1.5}" marker-end="url(#arrow)"><title>${escapeXml(edge.type)}</title></line>`,
    );
  }
  const shapes = nodes.map(
    (n) =>
      `<g>${shapeOf(n)}<text x="${round(n.x)}" y="${round(n.y + n.height / 2 + 12)}" text-anchor="middle" font-family="sans-serif" font-size="10" fill="#212529">${escapeXml(n.label)}</text></g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${x0} ${y0} ${w} ${h}" width="${w}" height="${h}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#6c757d"/></marker></defs>',
    `<rect x="${x0}" y="${y0}" width="${w}" height="${h}" fill="#ffffff"/>`,
    ...lines,
    ...shapes,
    '</svg>',
  ].join('\n');
}
