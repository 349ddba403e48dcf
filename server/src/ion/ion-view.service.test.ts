import { describe, expect, it } from 'vitest';
import { buildLanes } from './ion-view.service';

const node = (id: string) => ({ id, name: id, role: 'POLICY' as const, engine: null, codeRepo: null });
const run = (id: string) => ({
  id,
  kind: 'POLICY' as const,
  status: 'COMPLETED' as const,
  startedAt: '2026-03-01T00:00:00Z',
  endedAt: null,
  searchGroupId: null,
  instanceId: null,
});
const approval = (id: string, pipelineNodeId: string | null) => ({
  id,
  decision: 'APPROVED' as const,
  at: '2026-03-01T00:00:00Z',
  comment: null,
  modelVersionId: 'mv',
  modelVersionName: 'mv',
  reviewer: null,
  policyRunId: null,
  pipelineNodeId,
});

describe('buildLanes', () => {
  it('puts each decision in the lane of the node that recorded it and cuts lists at the limit', () => {
    const lanes = buildLanes(
      [
        { node: node('review'), runs: [run('r1'), run('r2'), run('r3')], models: [], events: [] },
        { node: node('release'), runs: [run('r4')], models: [], events: [] },
      ],
      [approval('a1', 'review'), approval('a2', 'release'), approval('a3', null)],
      2,
    );
    expect(lanes.map((lane) => [lane.node.id, lane.runs.map((r) => r.id), lane.approvals.map((a) => a.id), lane.truncated])).toEqual([
      ['review', ['r1', 'r2'], ['a1'], true],
      ['release', ['r4'], ['a2'], false],
    ]);
  });
});
