import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { auditBarrierPlugin, deferAudit, stringifyAnswer } from './audit.barrier';

type Listener = { willSendResponse(context: { response: { body: { kind: 'single'; singleResult: Record<string, unknown> } } }): Promise<void> };

/** Runs one request through the plugin: `record` is the audit record's commit; resolves with the text that would be sent. */
async function answer(data: Record<string, unknown>, record: Promise<unknown>): Promise<string> {
  const plugin = auditBarrierPlugin((formatted: GraphQLFormattedError) => formatted);
  const context = {};
  const listener = (await plugin.requestDidStart!({ contextValue: context } as never)) as unknown as Listener;
  expect(deferAudit(context, record)).toBe(true);
  const response = { body: { kind: 'single' as const, singleResult: { data } as Record<string, unknown> } };
  await listener.willSendResponse({ response });
  return stringifyAnswer(response.body.singleResult);
}

describe('the audit barrier serializes while the record commits', () => {
  it('sends the same bytes as Apollo would (errors, data, extensions; newline)', async () => {
    const data = { why: { prediction: { id: 'p-1', at: '2026-01-01T00:00:00.000Z' } } };
    expect(await answer(data, Promise.resolve())).toBe(JSON.stringify({ data }) + '\n');
  });

  it('never sends the early text of an answer whose record failed: the data is withheld', async () => {
    const text = await answer({ why: { prediction: { id: 'secret-prediction' } } }, Promise.reject(new Error('append failed')));
    expect(text).not.toContain('secret-prediction');
    expect(JSON.parse(text)).toMatchObject({ errors: [{ message: expect.stringContaining('withheld') }] });
  });

  it('serializes an answer changed after the barrier anew, never from the stale text', async () => {
    const data: Record<string, unknown> = { why: { prediction: { id: 'p-2' } } };
    const plugin = auditBarrierPlugin((formatted: GraphQLFormattedError) => formatted);
    const context = {};
    const listener = (await plugin.requestDidStart!({ contextValue: context } as never)) as unknown as Listener;
    deferAudit(context, Promise.resolve());
    const result: Record<string, unknown> = { data };
    await listener.willSendResponse({ response: { body: { kind: 'single', singleResult: result } } });
    const errors = [{ message: 'later' }];
    expect(stringifyAnswer({ ...result, errors })).toBe(JSON.stringify({ errors, data }) + '\n');
  });
});
