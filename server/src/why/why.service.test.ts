import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors';
import type { Params, QueryRunner, Row } from '../store/executor';
import type { QueryName } from '../store/query-names';
import { WhyService } from './why.service';

function recordingRunner(rows: Row[]): QueryRunner & { calls: Array<{ name: QueryName; params: Params }> } {
  const calls: Array<{ name: QueryName; params: Params }> = [];
  return {
    calls,
    async run<T extends Row = Row>(name: QueryName, params: Params = {}) {
      calls.push({ name, params });
      return rows as T[];
    },
  };
}

const ROW = {
  prediction: { id: 'p', requestId: 'r', subjectKey: 's', at: '2026-03-01T10:00:00.000Z', inputs: null, output: 'MRI', score: null, attributions: null },
  run: { id: 'run' },
  pipelineNode: null,
  instance: null,
  ion: null,
  models: [],
  deployments: [],
  others: [],
  events: [],
};

describe('WhyService', () => {
  it('answers in one round trip; an id wins over a subject', async () => {
    const runner = recordingRunner([ROW]);
    const answer = await new WhyService(runner).why({ predictionId: 'p', subjectKey: 'ignored' });
    expect(answer.prediction.id).toBe('p');
    expect(answer.reproducible).toBe(false);
    expect(runner.calls).toEqual([{ name: 'why/explain', params: { predictionId: 'p', subjectKey: null, at: null, output: null, windowMinutes: 60 } }]);
  });

  it('looks up by subject, time and output', async () => {
    const runner = recordingRunner([ROW]);
    await new WhyService(runner).why({ subjectKey: 's', at: '2026-03-02T00:00:00Z', output: 'MRI', windowMinutes: 15 });
    expect(runner.calls[0]!.params).toEqual({ predictionId: null, subjectKey: 's', at: '2026-03-02T00:00:00Z', output: 'MRI', windowMinutes: 15 });
  });

  it('BAD_USER_INPUT without id or subject, or with a bad window, before any query', async () => {
    const runner = recordingRunner([ROW]);
    const service = new WhyService(runner);
    await expect(service.why({})).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    await expect(service.why({ predictionId: 'p', windowMinutes: 100_000 })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    expect(runner.calls).toEqual([]);
  });

  it('NOT_FOUND when nothing matches', async () => {
    await expect(new WhyService(recordingRunner([])).why({ subjectKey: 's', at: '2026-03-01T00:00:00Z' })).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });
});
