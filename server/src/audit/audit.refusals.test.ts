import { describe, expect, it } from 'vitest';
import { RefusalAggregator, type RefusalRecord } from './audit.refusals';

describe('refusal aggregation', () => {
  it('one record per (caller, code, operation) per window, with counts; the rest folds into "other"', async () => {
    const written: RefusalRecord[][] = [];
    const aggregator = new RefusalAggregator(async (records) => void written.push(records), 60_000, 3);
    for (let i = 0; i < 500; i++) aggregator.note({ clientIp: '10.0.0.9' }, 'UNAUTHENTICATED', 'POST /graphql');
    for (let i = 0; i < 20; i++) aggregator.note({ principal: { id: 'u1', name: 'U', roles: [], via: 'jwt' } }, 'FORBIDDEN', 'accessLog');
    aggregator.note({ clientIp: '10.0.0.9' }, 'UNAUTHENTICATED', 'GET /api/v1/export');
    for (let i = 0; i < 50; i++) aggregator.note({ clientIp: `10.9.0.${i}` }, 'UNAUTHENTICATED', 'POST /graphql');
    await aggregator.flush();
    const [records] = written;
    expect(records).toHaveLength(4);
    expect(records!.map((r) => [r.input.operation, (r.input.details as { count: number }).count])).toEqual([
      ['POST /graphql', 500],
      ['accessLog', 20],
      ['GET /api/v1/export', 1],
      ['other', 50],
    ]);
    expect(records![1]!.source.principal?.id).toBe('u1');
    expect(records![3]!.input.details).toMatchObject({ code: 'mixed', keys: 50, maxKeys: 3 });
    await aggregator.flush();
    expect(written).toHaveLength(1); // nothing new, nothing written
  });
});
