import { describe, expect, it } from 'vitest';
import type { WhyAnswer, WhyApproval, WhyModel } from '../api/operations';
import { formatDuration, formatTime } from '../format';
import { controlPredictionId, decisionInForce, modelLabel, whySentence } from './why-summary';

const approval = (id: string, decision: string, at: string, reviewer: string, ion = 'ion-1'): WhyApproval => ({
  id,
  decision,
  at,
  comment: null,
  reviewer: { id: reviewer, name: reviewer, kind: 'HUMAN' },
  ion: { id: ion, name: 'ct-triage' },
});
const model = (id: string, extra: Partial<WhyModel> = {}): WhyModel => ({
  id,
  name: `${id} 1.0.0`,
  modelName: id,
  version: '1.0.0',
  status: 'APPROVED',
  weight: null,
  algorithm: null,
  approvals: [],
  members: [],
  ...extra,
});

function answer(overrides: Partial<WhyAnswer> = {}): WhyAnswer {
  return {
    prediction: {
      id: 'p1',
      requestId: 'r1',
      subjectKey: 'patient-004217',
      at: '2026-03-12T14:02:00Z',
      output: 'CT_SCAN',
      score: 0.8,
      attributions: [],
      inputs: {},
      masked: false,
    },
    models: [
      model('ens', {
        members: [model('a', { weight: 0.5 }), model('b', { weight: 0.3 }), model('c', { weight: 0.2 })],
        approvals: [
          approval('ap1', 'APPROVED', '2026-03-10T09:00:00Z', 'Dr. Alice Moreno'),
          approval('ap2', 'REJECTED', '2026-03-20T09:00:00Z', 'Dr. Rahul Iyer'),
        ],
      }),
    ],
    inferenceRun: { id: 'run-1', kind: 'INFERENCE', startedAt: null, status: 'COMPLETED', codeVersion: null, pipelineNode: null },
    ion: { id: 'ion-1', name: 'ct-triage' },
    deployment: null,
    control: { predictionId: 'p1-ctl', output: 'MRI', score: 0.4, differs: true, modelVersionIds: ['s1'], pipelineNode: null },
    events: [{ id: 'e1', type: 'ERROR', at: '2026-03-12T14:00:00Z', message: 'timeout', runId: 'run-1' }],
    reproducible: true,
    reproducibility: [],
    subgraph: { nodes: [], edges: [] },
    ...overrides,
  };
}

describe('why summary', () => {
  it('says what, for whom, when, by which models, who approved, what control said and the errors', () => {
    expect(whySentence(answer())).toBe(
      'CT_SCAN recommended for patient-004217 at 2026-03-12 14:02 UTC by ensemble ens 1.0.0 (3 models, weights a 1.0.0 0.50, b 1.0.0 0.30, c 1.0.0 0.20); ' +
        'approved by Dr. Alice Moreno for ION ct-triage at 2026-03-10 09:00 UTC; the control pipeline said MRI (differs); 1 error logged on the inference run.',
    );
  });

  it('names a rejection in force and a missing model', () => {
    const late = answer({ prediction: { ...answer().prediction, at: '2026-03-21T00:00:00Z' }, control: null, events: [] });
    expect(whySentence(late)).toContain('rejected by Dr. Rahul Iyer for ION ct-triage');
    expect(whySentence(late)).toContain('no errors or warnings');
    expect(whySentence(answer({ models: [] }))).toContain('with no model version recorded');
  });

  it('calls the other side the primary pipeline when explaining a control prediction', () => {
    const control = answer({ inferenceRun: { ...answer().inferenceRun, kind: 'CONTROL' } });
    expect(whySentence(control)).toContain('the primary pipeline said MRI (differs)');
  });

  it('picks the latest decision at or before the prediction for the serving ION', () => {
    const list = [approval('x', 'APPROVED', '2026-03-01T00:00:00Z', 'A'), approval('y', 'APPROVED', '2026-03-02T00:00:00Z', 'B', 'other-ion')];
    expect(decisionInForce(list, '2026-03-05T00:00:00Z', 'ion-1')?.id).toBe('x');
    expect(decisionInForce(list, '2026-02-01T00:00:00Z', 'ion-1')).toBeNull();
    expect(modelLabel({ id: 'm', name: null, modelName: 'ct', version: '2' })).toBe('ct 2');
  });

  it('formats times and durations', () => {
    expect(formatTime('2026-03-12T14:02:31.000Z')).toBe('2026-03-12 14:02 UTC');
    expect(formatDuration(3 * 86_400 + 4 * 3600)).toBe('3 d 4 h');
    expect(formatDuration(7500)).toBe('2 h 5 min');
    expect(formatDuration(45)).toBe('45 s');
  });
});

describe('control prediction', () => {
  it('is the counterpart when a primary prediction is explained, the prediction itself when the control run made it', () => {
    expect(controlPredictionId(answer())).toBe('p1-ctl');
    const ofControl = answer({ inferenceRun: { id: 'run-c', kind: 'CONTROL', startedAt: null, status: 'COMPLETED', codeVersion: null, pipelineNode: null } });
    expect(controlPredictionId(ofControl)).toBe('p1');
    expect(controlPredictionId(answer({ control: null }))).toBeNull();
  });
});
