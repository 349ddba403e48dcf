import { describe, expect, it } from 'vitest';
import { POLICIES, POLICY_IDS } from './compliance.policies';
import { toViolation } from './compliance.service';

describe('compliance violations', () => {
  it('deduplicate evidence, drop dangling edges and count what the sample leaves out', () => {
    const v = toViolation('MISSING_MODEL_VERSION', {
      key: 'run-1',
      summary: '3 predictions …',
      subjectIds: ['run-1'],
      count: 3,
      sample: ['p1', 'p2'],
      nodes: [
        { id: 'run-1', type: 'Run', label: 'INFERENCE run-1' },
        { id: 'p1', type: 'Prediction', label: 'p1' },
        { id: 'p2', type: 'Prediction', label: 'p2' },
        { id: 'p1', type: 'Prediction', label: 'p1' },
      ],
      edges: [
        { source: 'p1', target: 'run-1', type: 'MADE_BY' },
        { source: 'p2', target: 'run-1', type: 'MADE_BY' },
        { source: 'p1', target: 'run-1', type: 'MADE_BY' },
        { source: 'p3', target: 'run-1', type: 'MADE_BY' },
      ],
    });
    expect(v.evidence.nodes.map((n) => n.id)).toEqual(['run-1', 'p1', 'p2']);
    expect(v.evidence.edges).toHaveLength(2);
    expect(v.omitted).toBe(1);
  });

  it('has one Cypher file per policy, six in all', () => {
    expect(POLICIES.map((p) => p.id)).toEqual([...POLICY_IDS]);
    expect(new Set(POLICIES.map((p) => p.query)).size).toBe(6);
    expect(POLICIES.every((p) => p.query.startsWith('policies/'))).toBe(true);
  });
});
