import { describe, expect, it } from 'vitest';
import type { IonTimeline } from '../api/operations';
import { idleNodes, latestModels, parseAsOf, timelineAsOf, timelineSpan } from './ion-as-of';

const day = (d: number, h = 0) => `2026-03-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00.000Z`;

const timeline: IonTimeline = {
  limit: 300,
  from: null,
  to: null,
  truncated: false,
  approvals: [
    { id: 'ap1', at: day(2), decision: 'APPROVED', modelVersionId: 'mv1', modelVersionName: 'm 1', reviewer: null },
    { id: 'ap2', at: day(9), decision: 'REJECTED', modelVersionId: 'mv2', modelVersionName: 'm 2', reviewer: null },
  ],
  nodes: [
    {
      node: { id: 'train', name: 'train', role: 'TRAINING' },
      truncated: false,
      runs: [
        { id: 'r1', startedAt: day(1), endedAt: day(1, 5), status: 'COMPLETED' },
        { id: 'r2', startedAt: day(5), endedAt: day(6), status: 'FAILED' },
      ],
      events: [{ id: 'e1', at: day(5, 12), type: 'WARNING', message: 'slow' }],
      models: [
        { id: 'mv1', name: 'm 1', createdAt: day(1, 5) },
        { id: 'mv2', name: 'm 2', createdAt: day(6) },
      ],
    },
    {
      node: { id: 'serve', name: 'serve', role: 'INFERENCE' },
      truncated: false,
      runs: [{ id: 'r3', startedAt: day(8), endedAt: null, status: 'RUNNING' }],
      events: [],
      models: [],
    },
  ],
};

describe('ion as-of', () => {
  it('spans run starts, events and decisions', () => {
    expect(timelineSpan(timeline)).toEqual({ min: Date.parse(day(1)), max: Date.parse(day(9)) });
    expect(timelineSpan({ ...timeline, approvals: [], nodes: [] })).toBeNull();
  });

  it('reads asOf from the URL, clamped to the span; the end or nonsense means now', () => {
    const span = timelineSpan(timeline);
    expect(parseAsOf(day(3), span)).toBe(Date.parse(day(3)));
    expect(parseAsOf('2020-01-01T00:00:00Z', span)).toBe(Date.parse(day(1)));
    expect(parseAsOf(day(9), span)).toBeNull();
    expect(parseAsOf('yesterday-ish', span)).toBeNull();
    expect(parseAsOf(null, span)).toBeNull();
    expect(parseAsOf(day(3), null)).toBeNull();
  });

  it('hides what happened after the chosen time and shows runs still going as running', () => {
    const then = timelineAsOf(timeline, Date.parse(day(5, 12)));
    const train = then.nodes[0]!;
    expect(train.runs).toEqual([
      { id: 'r1', startedAt: day(1), endedAt: day(1, 5), status: 'COMPLETED' },
      { id: 'r2', startedAt: day(5), endedAt: null, status: 'RUNNING' },
    ]);
    expect(train.events.map((e) => e.id)).toEqual(['e1']);
    expect(train.models.map((m) => m.id)).toEqual(['mv1']);
    expect(then.nodes[1]!.runs).toEqual([]);
    expect(then.approvals.map((a) => a.id)).toEqual(['ap1']);
    expect(idleNodes(then)).toEqual(new Set(['serve']));
    expect(latestModels(then)).toEqual(new Map([['train', 'm 1']]));
    expect(latestModels(timeline)).toEqual(new Map([['train', 'm 2']]));
  });

  it('changes nothing without a time and leaves its input untouched', () => {
    expect(timelineAsOf(timeline, null)).toBe(timeline);
    timelineAsOf(timeline, Date.parse(day(1)));
    expect(timeline.nodes[0]!.runs[1]!.status).toBe('FAILED');
    expect(idleNodes(timeline).size).toBe(0);
  });
});
