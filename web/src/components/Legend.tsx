import { lookOf } from '../graph/style';

const SHAPE_CLASS: Record<string, string> = {
  ellipse: 'round',
  diamond: 'diamond',
  triangle: 'triangle',
  star: 'star',
  hexagon: 'hex',
  octagon: 'hex',
  pentagon: 'hex',
};

/** Colour and shape of each node type in the drawing, with counts. */
export function Legend({ counts }: { counts: ReadonlyArray<{ type: string; count: number }> }) {
  return (
    <ul className="legend" aria-label="Legend">
      {counts.map(({ type, count }) => {
        const look = lookOf(type);
        return (
          <li key={type}>
            <span className={`swatch ${SHAPE_CLASS[look.shape] ?? 'square'}`} style={{ background: look.color }} aria-hidden="true" />
            {type} <span className="muted">{count}</span>
          </li>
        );
      })}
    </ul>
  );
}
