import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { describeAccess } from './audit.root-fields';
import { MAX_TARGETS } from './audit.service';

describe('what the audit records per root field', () => {
  it('a why read names the prediction, its control and every model and member', () => {
    const result = { prediction: { id: 'p1' }, control: { predictionId: 'p1c' }, models: [{ id: 'ens', members: [{ id: 'm1' }, { id: 'm2' }] }] };
    expect(describeAccess('why', false, {}, result)).toEqual({
      input: { action: 'read', operation: 'why', targetIds: ['p1', 'p1c', 'ens', 'm1', 'm2'] },
      approvalIds: [],
    });
  });

  it('lineage counts as a read of a prediction or model version only when it starts from one', () => {
    expect(describeAccess('lineage', false, {}, { root: { id: 'p1', type: 'Prediction' } })?.input.targetIds).toEqual(['p1']);
    expect(describeAccess('lineage', false, {}, { root: { id: 'd1', type: 'Dataset' } })).toBeUndefined();
    expect(describeAccess('searchAll', false, {}, { subjectPredictions: [] })).toBeUndefined();
    expect(describeAccess('graphStats', false, {}, {})).toBeUndefined();
  });

  it('a 10,000-prediction batch is one entry with its count and a bounded sample of ids', () => {
    const items = Array.from({ length: 10_000 }, (_, i) => ({ id: `p${i}` }));
    const access = describeAccess('ingestPredictions', true, { items }, { created: 10_000, unchanged: 0 })!;
    expect(access.input.action).toBe('write');
    expect(access.input.targetIds.length).toBeLessThanOrEqual(MAX_TARGETS);
    expect(access.input.details).toMatchObject({ counts: { predictions: 10_000 }, sampled: true });
  });

  it('a bundle samples every part and hands its approvals to the chain', () => {
    const bundle = { predictions: Array.from({ length: 300 }, (_, i) => ({ id: `p${i}` })), approvals: [{ id: 'a1' }, { id: 'a2' }] };
    const access = describeAccess('ingest', true, { bundle }, {})!;
    expect(access.input.targetIds).toEqual(expect.arrayContaining(['p0', 'a1', 'a2']));
    expect(access.input.targetIds.length).toBeLessThanOrEqual(MAX_TARGETS);
    expect(access.approvalIds).toEqual(['a1', 'a2']);
    expect(describeAccess('ingestApproval', true, { item: { id: 'a3' } }, {})?.approvalIds).toEqual(['a3']);
  });

  it('token mutations name the token and never carry its secret', () => {
    const created = describeAccess('createApiToken', true, { name: 'n', roles: ['INGEST'] }, { token: { id: 't1' }, secret: 'ionl_x_secret' })!;
    expect(created.input).toEqual({ action: 'write', operation: 'createApiToken', targetIds: ['t1'] });
    expect(describeAccess('revokeApiToken', true, { id: 't1' }, {})?.input.targetIds).toEqual(['t1']);
  });
});
