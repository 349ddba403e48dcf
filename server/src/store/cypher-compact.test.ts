import { describe, expect, it } from 'vitest';
import { loadRegistry } from '../graph';
import { compactCypher } from './cypher-compact';
import { parseCypherFile } from './cypher-registry';

describe('compactCypher', () => {
  it('drops comments and indentation and keeps every line break', () => {
    const source = ['// @name a/b', '// @mode READ', 'MATCH (n:Thing {id: $id}) // the seek', '  /* one', '  two */', '    RETURN n'].join('\n');
    expect(compactCypher(source)).toBe(['', '', 'MATCH (n:Thing {id: $id})', '', '', 'RETURN n'].join('\n'));
  });

  it('leaves literals and quoted names byte for byte, comment markers and escapes inside them too', () => {
    const source = ["RETURN 'http://x//y' AS url, \"a // b\" AS b, 'it\\'s // here' AS c, `odd // name` AS d,", "  'two", "   lines' AS e // gone"].join('\n');
    expect(compactCypher(source)).toBe(
      ["RETURN 'http://x//y' AS url, \"a // b\" AS b, 'it\\'s // here' AS c, `odd // name` AS d,", "'two", "   lines' AS e"].join('\n'),
    );
  });

  it("a query's parameters are checked against what is sent: a parameter named only in a comment is not used", () => {
    const source = ['// @name a/b', '// @mode READ', '// @param id: string', 'MATCH (n {id: 1}) // was $id', 'RETURN n'].join('\n');
    expect(() => parseCypherFile('a.cypher', source)).toThrow(/@param id is declared but not used/);
  });

  it('every registry query keeps its line count and loses its comments', () => {
    for (const query of loadRegistry().all()) {
      expect(query.text.split('\n').length, query.name).toBe(query.source.split('\n').length);
      expect(query.text.length, query.name).toBeLessThanOrEqual(query.source.length);
      expect(query.text, query.name).not.toMatch(/^\s*\/\//m);
    }
  });
});
