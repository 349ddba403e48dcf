import { describe, expect, it } from 'vitest';
import { escapeXml, shapeOf, toSvg, type SvgNode } from './to-svg';

const node = (id: string, type: string, x: number, y: number, label = id): SvgNode => ({ id, type, label, x, y, width: 26, height: 26 });

describe('toSvg', () => {
  it('draws every node with its shape and escaped label, and edges as lines with arrows', () => {
    const svg = toSvg([node('a', 'Run', 0, 0, 'run <1> & "x"'), node('b', 'Principal', 100, 0)], [{ source: 'a', target: 'b', type: 'USED' }]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('run &lt;1&gt; &amp; &quot;x&quot;');
    expect(svg).toContain('<rect x="-13" y="-13" width="26" height="26"');
    expect(svg).toContain('<ellipse cx="100" cy="0"');
    expect(svg).toMatch(/<line x1="0" y1="0" x2="85" y2="0" [^>]*marker-end="url\(#arrow\)"><title>USED<\/title><\/line>/);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
  });

  it('sizes the view box to the content plus margin and room for labels', () => {
    const svg = toSvg([node('a', 'Run', 0, 0), node('b', 'Run', 200, 100)], [], 10);
    // 60 px of label room each side, 18 below the lowest node.
    expect(svg).toContain('viewBox="-70 -23 340 164"');
  });

  it('skips edges whose ends are not drawn and copes with an empty graph', () => {
    expect(toSvg([node('a', 'Run', 0, 0)], [{ source: 'a', target: 'gone', type: 'X' }])).not.toContain('<line');
    expect(toSvg([], [])).toContain('viewBox="0 0 1 1"');
  });

  it('uses polygons for angular shapes and emphasises path elements', () => {
    expect(shapeOf(node('d', 'Approval', 0, 0))).toBe('<polygon points="0,-13 13,0 0,13 -13,0" fill="#c9184a" stroke="#ffffff" stroke-width="1"/>');
    expect(shapeOf({ ...node('p', 'Prediction', 0, 0), emphasis: true })).toContain('stroke-width="3"');
    expect(shapeOf(node('p', 'Prediction', 0, 0)).match(/ /g)!.length).toBeGreaterThan(10);
    const svg = toSvg([node('a', 'Run', 0, 0), node('b', 'Run', 100, 0)], [{ source: 'a', target: 'b', type: 'X', emphasis: true }]);
    expect(svg).toContain('stroke="#212529" stroke-width="3"');
  });

  it('escapes all XML specials', () => {
    expect(escapeXml(`<a href='x'>&</a>`)).toBe('&lt;a href=&apos;x&apos;&gt;&amp;&lt;/a&gt;');
  });
});
