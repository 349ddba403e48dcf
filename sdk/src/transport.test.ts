import { describe, expect, it } from 'vitest';
import { DeliveryError } from './errors.js';
import { classifyAnswer, INGEST_MUTATION, requestBody } from './transport.js';

describe('requestBody', () => {
  it("builds the ingest mutation from stored JSON, parts in the server's write order", () => {
    const body = JSON.parse(
      requestBody(
        new Map([
          ['predictions', ['{"id":"p1"}', '{"id":"p2"}']],
          ['runs', ['{"id":"r1"}']],
        ]),
      ),
    ) as {
      query: string;
      variables: { bundle: Record<string, unknown> };
    };
    expect(body.query).toBe(INGEST_MUTATION);
    expect(Object.keys(body.variables.bundle)).toEqual(['runs', 'predictions']);
    expect(body.variables.bundle.predictions).toEqual([{ id: 'p1' }, { id: 'p2' }]);
  });
});

describe('classifyAnswer', () => {
  const error = (code: string, status = 200) =>
    classifyAnswer(
      status,
      JSON.stringify({ errors: [{ message: code, extensions: { code, problems: [{ path: 'predictions[0].runId', message: 'unknown' }] } }] }),
    );

  it('returns the counts of a confirmed delivery', () => {
    expect(classifyAnswer(200, JSON.stringify({ data: { ingest: { predictions: { created: 2, unchanged: 0 } } } }))).toEqual({
      predictions: { created: 2, unchanged: 0 },
    });
  });

  it('retries an unreachable graph, server errors, refused tokens, wrong urls and answers that are not GraphQL', () => {
    const race = classifyAnswer(200, JSON.stringify({ errors: [{ message: 'written concurrently', extensions: { code: 'CONFLICT' } }] }));
    const answers = [
      race,
      error('GRAPH_UNAVAILABLE'),
      error('INTERNAL'),
      error('UNAUTHENTICATED', 401),
      error('GRAPHQL_VALIDATION_FAILED', 400),
      classifyAnswer(502, '<html>bad gateway</html>'),
      classifyAnswer(503, ''),
      classifyAnswer(404, 'Not Found'),
    ];
    for (const answer of answers) {
      expect(answer).toBeInstanceOf(DeliveryError);
      expect((answer as DeliveryError).transient).toBe(true);
    }
  });

  it('never retries input the server refused, and keeps its problems', () => {
    for (const answer of [
      error('BAD_USER_INPUT', 400),
      error('BAD_USER_INPUT', 500),
      error('CONFLICT'),
      error('LIMIT_EXCEEDED', 413),
      classifyAnswer(413, 'too large'),
    ]) {
      expect((answer as DeliveryError).transient).toBe(false);
    }
    expect((error('BAD_USER_INPUT') as DeliveryError).problems).toEqual([{ path: 'predictions[0].runId', message: 'unknown' }]);
  });
});
