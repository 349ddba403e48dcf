import { describe, expect, it } from 'vitest';
import { chooseControl, chooseDeployment, nestModels, parseJson, reproducibilityOf, sortAttributions, toWhyAnswer, type ExplainRow } from './why.transform';

function modelRow(id: string, extra: Partial<ExplainRow['models'][number]> = {}): ExplainRow['models'][number] {
  return {
    id,
    name: id,
    version: '1',
    algorithm: null,
    framework: null,
    format: null,
    artifactUri: null,
    digest: `sha-${id}`,
    hyperparameters: null,
    metrics: '{"auc":0.9}',
    status: 'APPROVED',
    createdAt: null,
    ensembleId: null,
    weight: null,
    model: { id: `m-${id}`, name: `model ${id}` },
    uploadedBy: null,
    training: {
      id: `run-${id}`,
      status: 'COMPLETED',
      startedAt: null,
      endedAt: null,
      params: '{"lr":0.1}',
      codeVersion: 'abc',
      engine: null,
      engineVersion: null,
      host: null,
      environment: '{"python":"3.11"}',
      searchGroupId: null,
      purpose: null,
      evaluations: [],
      pipelineNode: null,
      triggeredBy: null,
      datasetVersions: [{ id: 'dv-1', version: '1', digest: 'd1', rowCount: 5, dataset: { id: 'ds-1', name: 'ds', classification: 'PHI' } }],
      features: [],
      siblings: [
        {
          id: 'sib',
          status: 'COMPLETED',
          startedAt: null,
          params: '{"lr":0.2}',
          codeVersion: 'abc',
          produced: [],
          evaluations: [{ name: 'evaluate', stats: '{"auc":0.8}' }],
        },
      ],
    },
    approvals: [],
    ...extra,
  };
}

describe('why transform', () => {
  it('parses JSON blobs and keeps malformed ones as text', () => {
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('not json')).toBe('not json');
    expect(parseJson(null)).toBeNull();
  });

  it('sorts attributions by absolute contribution', () => {
    const sorted = sortAttributions(
      JSON.stringify([
        { feature: 'a', contribution: 0.1 },
        { feature: 'b', contribution: -0.9 },
        { feature: 'c', contribution: 0.5 },
      ]),
    );
    expect(sorted.map((a) => a.feature)).toEqual(['b', 'c', 'a']);
  });

  it('nests ensemble members with their weights under the used version', () => {
    const models = nestModels([modelRow('ens'), modelRow('m2', { ensembleId: 'ens', weight: 0.4 }), modelRow('m1', { ensembleId: 'ens', weight: 0.6 })]);
    expect(models).toHaveLength(1);
    expect(models[0]!.weight).toBeNull();
    expect(models[0]!.members.map((m) => [m.id, m.weight])).toEqual([
      ['m1', 0.6],
      ['m2', 0.4],
    ]);
    expect(models[0]!.training?.searchSiblings[0]).toMatchObject({ id: 'sib', params: { lr: 0.2 }, evaluation: { auc: 0.8 } });
  });

  it('lists missing reproducibility ingredients', () => {
    const [complete] = nestModels([modelRow('a')]);
    expect(reproducibilityOf(complete!)).toEqual({
      modelVersionId: 'a',
      recorded: ['codeVersion', 'params', 'environment', 'dataDigests', 'artifactDigest'],
      missing: [],
      complete: true,
    });
    const [uploaded] = nestModels([modelRow('b', { training: null, digest: null, hyperparameters: '{"k":1}' })]);
    expect(reproducibilityOf(uploaded!)).toMatchObject({
      recorded: ['params'],
      missing: ['codeVersion', 'environment', 'dataDigests', 'artifactDigest'],
      complete: false,
    });
  });

  it('picks the deployment of a used model, then PRIMARY', () => {
    const deployments = [
      { id: 'shadow', role: 'SHADOW', from: '2026-03-02T00:00:00.000Z', to: null, modelVersionId: 'other', approvalId: null },
      { id: 'primary', role: 'PRIMARY', from: '2026-03-01T00:00:00.000Z', to: null, modelVersionId: 'mv', approvalId: null },
    ];
    expect(chooseDeployment(deployments, new Set(['mv']))?.id).toBe('primary');
    expect(chooseDeployment(deployments, new Set())?.id).toBe('primary');
    expect(chooseDeployment([], new Set())).toBeNull();
  });

  it('prefers the CONTROL pipeline’s prediction and tells whether it differs', () => {
    const others = [
      { id: 'a', output: 'MRI', score: 0.5, at: null, run: { id: 'r1' }, pipelineNode: { id: 'n1', name: 'shadow', role: 'INFERENCE' }, modelVersionIds: [] },
      {
        id: 'b',
        output: 'CT_SCAN',
        score: 0.7,
        at: null,
        run: { id: 'r2' },
        pipelineNode: { id: 'n2', name: 'control', role: 'CONTROL' },
        modelVersionIds: ['s'],
      },
    ];
    expect(chooseControl(others, 'CT_SCAN')).toMatchObject({ predictionId: 'b', differs: false, runId: 'r2' });
    expect(chooseControl(others, 'NO_TEST')?.differs).toBe(true);
    expect(chooseControl([], 'X')).toBeNull();
  });

  it('builds a drawable subgraph whose edges join known nodes', () => {
    const row: ExplainRow = {
      prediction: {
        id: 'p',
        requestId: 'req',
        subjectKey: 's',
        at: '2026-03-01T10:00:00.000Z',
        inputs: '{}',
        output: 'CT_SCAN',
        score: 0.9,
        attributions: null,
      },
      run: { id: 'run', kind: 'INFERENCE' },
      pipelineNode: { id: 'node', name: 'inference', role: 'INFERENCE' },
      instance: { id: 'inst', startedAt: null, endedAt: null, status: null },
      ion: { id: 'ion', name: 'ion', version: '1' },
      models: [modelRow('ens'), modelRow('m1', { ensembleId: 'ens', weight: 1 })],
      deployments: [{ id: 'dep', role: 'PRIMARY', from: null, to: null, modelVersionId: 'ens', approvalId: null }],
      others: [],
      events: [{ id: 'e', type: 'ERROR', at: '2026-03-01T10:01:00.000Z', message: 'boom', details: null, runId: 'run' }],
    };
    const answer = toWhyAnswer(row);
    const ids = new Set(answer.subgraph.nodes.map((node) => node.id));
    for (const edge of answer.subgraph.edges) {
      expect(ids.has(edge.source), edge.source).toBe(true);
      expect(ids.has(edge.target), edge.target).toBe(true);
    }
    expect(answer.subgraph.edges).toEqual(
      expect.arrayContaining([
        { source: 'p', target: 'run', type: 'MADE_BY' },
        { source: 'ens', target: 'm1', type: 'HAS_MEMBER' },
        { source: 'run-m1', target: 'm1', type: 'PRODUCED' },
        { source: 'dep', target: 'ens', type: 'DEPLOYS' },
        { source: 'e', target: 'run', type: 'DURING' },
      ]),
    );
    expect(answer.reproducible).toBe(true);
  });
});
