import { describe, expect, it } from 'vitest';
import { type DecisionRow, type DeploymentRow, groupDecisions, groupUsage } from './model-version.grouping';

const reviewer = { id: 'p1', name: 'Ann', kind: 'HUMAN' as const };
const decision = (id: string, ionId: string, verdict: 'APPROVED' | 'REJECTED', at: string): DecisionRow => ({
  id,
  decision: verdict,
  at,
  comment: null,
  reviewer,
  policyRunId: null,
  ionId,
  ionName: ionId.toUpperCase(),
});

describe('groupDecisions', () => {
  it('groups per ION in time order, the last decision in force', () => {
    const groups = groupDecisions([
      decision('a1', 'ion-b', 'APPROVED', '2026-03-01T00:00:00Z'),
      decision('a2', 'ion-a', 'APPROVED', '2026-03-02T00:00:00Z'),
      decision('r1', 'ion-b', 'REJECTED', '2026-03-03T00:00:00Z'),
    ]);
    expect(groups.map((g) => [g.ionId, g.current, g.approvals.length, g.rejections.length, g.decisions.map((d) => d.id)])).toEqual([
      ['ion-a', 'APPROVED', 1, 0, ['a2']],
      ['ion-b', 'REJECTED', 1, 1, ['a1', 'r1']],
    ]);
  });
});

describe('groupUsage', () => {
  const period = (id: string, node: string, ionId: string | null, seconds: number, active: boolean): DeploymentRow => ({
    id,
    role: 'PRIMARY',
    from: '2026-03-01T00:00:00Z',
    to: active ? null : '2026-03-02T00:00:00Z',
    seconds,
    active,
    pipelineNodeId: node,
    pipelineNodeName: node,
    pipelineRole: 'INFERENCE',
    ionId,
    ionName: ionId,
    approvalId: null,
    instances: [],
  });

  it('groups periods per ION and node, summing durations', () => {
    const usage = groupUsage([period('d1', 'n1', 'ion', 10, false), period('d2', 'n2', 'ion', 5, true), period('d3', 'n1', 'ion', 7, false)]);
    expect(usage).toHaveLength(1);
    expect(usage[0]!.active).toBe(true);
    expect(usage[0]!.nodes.map((n) => [n.pipelineNodeId, n.totalSeconds, n.periods.map((p) => p.deploymentId)])).toEqual([
      ['n1', 17, ['d1', 'd3']],
      ['n2', 5, ['d2']],
    ]);
  });
});
