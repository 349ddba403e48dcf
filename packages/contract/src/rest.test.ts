import { describe, expect, it } from 'vitest';
import { artifactsUrlFor, readRestRefusal } from './rest';

describe('artifactsUrlFor', () => {
  it('puts the artifact route beside the GraphQL endpoint, dropping its query', () => {
    expect(artifactsUrlFor('http://lineage:4000/graphql')).toBe('http://lineage:4000/api/v1/artifacts');
    expect(artifactsUrlFor('https://example.org/lineage/graphql/?x=1')).toBe('https://example.org/lineage/api/v1/artifacts');
  });
});

describe('readRestRefusal', () => {
  it('reads the code, message and field problems of the REST error body', () => {
    const body = JSON.stringify({
      errors: [{ message: 'digest is wrong', extensions: { code: 'BAD_USER_INPUT', problems: [{ path: 'digest', message: 'x' }] } }],
    });
    expect(readRestRefusal(400, body)).toEqual({ message: 'digest is wrong', code: 'BAD_USER_INPUT', problems: [{ path: 'digest', message: 'x' }] });
  });

  it('names a bodiless refusal by its status, and anything else HTTP_<status> with the start of the text', () => {
    expect(readRestRefusal(403, '')).toEqual({ message: 'HTTP 403: empty answer', code: 'FORBIDDEN', problems: [] });
    expect(readRestRefusal(502, '<html>bad gateway</html>')).toEqual({ message: 'HTTP 502: <html>bad gateway</html>', code: 'HTTP_502', problems: [] });
  });
});
