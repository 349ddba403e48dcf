import { describe, expect, it } from 'vitest';
import { parseJsonText, toFulltextQuery } from './values';

describe('toFulltextQuery', () => {
  it('matches each word exactly (boosted) or as a prefix', () => {
    expect(toFulltextQuery('xray')).toBe('(xray^2 OR xray*)');
    expect(toFulltextQuery('  lab   results ')).toBe('(lab^2 OR lab*) (results^2 OR results*)');
  });

  it('escapes Lucene syntax so user text cannot change the query', () => {
    expect(toFulltextQuery('a:b (c)')).toBe('(a\\:b^2 OR a\\:b*) (\\(c\\)^2 OR \\(c\\)*)');
    expect(toFulltextQuery('"x" OR y*')).toContain('\\"x\\"');
  });

  it('lower-cases words so AND, OR and NOT are searched, not applied', () => {
    expect(toFulltextQuery('XRay AND')).toBe('(xray^2 OR xray*) (and^2 OR and*)');
  });

  it('returns null when nothing is left to search', () => {
    expect(toFulltextQuery('   ')).toBeNull();
  });
});

describe('parseJsonText', () => {
  it('parses stored JSON objects and keeps other values visible', () => {
    expect(parseJsonText('{"auc":0.9}')).toEqual({ auc: 0.9 });
    expect(parseJsonText('[1]')).toEqual({ value: [1] });
    expect(parseJsonText('not json')).toEqual({ raw: 'not json' });
    expect(parseJsonText(null)).toBeNull();
  });
});
