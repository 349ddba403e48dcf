import { describe, expect, it } from 'vitest';
import type { PredictionInput } from '@ion-lineage/contract';
import { Rng, round } from './random';
import { generateScenario } from './scenario';
import { collect } from './testing';

const N = 3_000;
const scenario = generateScenario({ seed: 99, predictions: N, predictionBatchSize: 1_000 });
const { truth } = scenario;
const { all } = collect(scenario);
const byId = new Map(all.predictions.map((p) => [p.id, p]));
const versions = new Map(all.modelVersions.map((v) => [v.id, v]));
const runs = new Map(all.runs.map((r) => [r.id, r]));

/** The "why" walk, written independently of the generator's lineage index. */
function walk(versionIds: string[]): { runs: string[]; datasets: string[]; features: string[]; approvals: string[] } {
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    versions.get(id)!.members?.forEach((m) => visit(m.modelVersionId));
  };
  versionIds.forEach(visit);
  const producing = [...seen].map((id) => versions.get(id)!.producedByRunId).filter((id): id is string => !!id);
  const uniq = (xs: string[]): string[] => [...new Set(xs)].sort();
  return {
    runs: uniq(producing),
    datasets: uniq(producing.flatMap((id) => runs.get(id)!.readDatasetVersionIds ?? [])),
    features: uniq(producing.flatMap((id) => runs.get(id)!.usedFeatureIds ?? [])),
    approvals: uniq(all.approvals.filter((a) => seen.has(a.modelVersionId)).map((a) => a.id)),
  };
}

function deploymentAt(nodeId: string, at: string): string {
  const t = Date.parse(at);
  return all.deployments.find((d) => d.pipelineNodeId === nodeId && Date.parse(d.from) <= t && (d.to === undefined || t < Date.parse(d.to)))!.id;
}

function checkAgainstData(index: number): void {
  const t = truth.truthForPrediction(index);
  const p = byId.get(truth.predictionId(index))!;
  const c = byId.get(t.controlPredictionId)!;
  expect(p.id).toBe(t.predictionId);
  expect([p.at, p.subjectKey, p.output, p.score, p.runId, p.requestId]).toEqual([t.at, t.subjectKey, t.output, t.score, t.inferenceRunId, t.requestId]);
  expect(p.modelVersionIds).toEqual(t.modelVersionIds);
  expect([c.requestId, c.output, c.runId, c.modelVersionIds]).toEqual([p.requestId, t.controlOutput, t.controlRunId, t.controlModelVersionIds]);
  expect(t.controlDiffers).toBe(c.output !== p.output);
  expect(t.deploymentId).toBe(deploymentAt('pn-ct-inference', p.at));
  expect(t.controlDeploymentId).toBe(deploymentAt('pn-ct-canary', p.at));
  const w = walk(p.modelVersionIds);
  expect([t.trainingRunIds, t.datasetVersionIds, t.featureIds]).toEqual([w.runs, w.datasets, w.features]);
  expect(t.approvals.map((a) => a.approvalId).sort()).toEqual(w.approvals);
  expect(t.ensembleMembers).toEqual(p.modelVersionIds.flatMap((id) => versions.get(id)!.members ?? []));
  expect(t.eventIds).toEqual(
    all.events
      .filter((e) => e.runId === p.runId)
      .map((e) => e.id)
      .sort(),
  );
}

/** Recomputes a score from the inputs and the version's stored scoring spec (reproducibility). */
function reproduce(p: PredictionInput, versionId: string): number {
  const spec = versions.get(versionId)!.hyperparameters!['scoring'] as {
    bias: number;
    coefficients: Record<string, number>;
    baselines: Record<string, number>;
    scale: Record<string, number>;
    encoding: Record<string, Record<string, number>>;
  };
  let z = spec.bias;
  for (const [name, coef] of Object.entries(spec.coefficients)) {
    const raw = p.inputs![name];
    const x = spec.encoding[name] ? spec.encoding[name]![String(raw)]! : Number(raw) / (spec.scale[name] ?? 1);
    z += coef * (x - spec.baselines[name]!);
  }
  return Math.round(1e4 / (1 + Math.exp(-z))) / 1e4;
}

describe('ground truth of predictions', () => {
  it('matches the generated prediction for random indices', () => {
    const rng = new Rng(5);
    for (let k = 0; k < 200; k++) checkAgainstData(rng.int(0, N - 1));
    checkAgainstData(0);
    checkAgainstData(N - 1);
  });

  it('has consistent samples of every kind', () => {
    const labels = truth.samples.map((s) => s.label);
    expect(labels).toEqual([
      'ensemble',
      'rollback',
      'rejected-model',
      'control-differs',
      'control-agrees',
      'repeat-subject',
      'missing-model-version',
      'unapproved-control',
    ]);
    for (const s of truth.samples) checkAgainstData(s.expected.index);
    const get = (label: string) => truth.samples.find((s) => s.label === label)!;
    expect(get('ensemble').expected.ensembleMembers).toHaveLength(3);
    expect(get('rollback').expected.deploymentId).toBe(truth.rollback.deploymentId);
    const rejected = truth.violations.servedByRejectedOrRetired[0]!;
    expect(rejected.predictionIds).toContain(get('rejected-model').expected.predictionId);
    expect(get('rejected-model').expected.approvals.some((a) => a.decision === 'REJECTED' && a.at <= get('rejected-model').expected.at)).toBe(true);
    expect(get('control-differs').expected.controlDiffers).toBe(true);
    expect(get('control-agrees').expected.controlDiffers).toBe(false);
    expect(get('missing-model-version').expected.modelVersionIds).toEqual([]);
    expect(get('missing-model-version').expected.trainingRunIds).toEqual([]);
    expect(get('unapproved-control').expected.controlDeploymentId).toBe(truth.violations.unapprovedDeployments[0]!.deploymentId);
    expect(get('unapproved-control').expected.controlApprovals).toEqual([]);
  });

  it('knows every prediction of the repeat patient', () => {
    const sample = truth.samples.find((s) => s.label === 'repeat-subject')!;
    const generated = all.predictions.filter((p) => p.subjectKey === sample.expected.subjectKey && !p.id.endsWith('-ctl')).map((p) => p.id);
    expect(generated.length).toBeGreaterThanOrEqual(3);
    expect(sample.subjectPredictionIds).toEqual(generated);
  });

  it('can reproduce every score from inputs and the stored scoring spec', () => {
    for (const p of all.predictions) {
      const versionId = p.modelVersionIds[0] ?? truth.truthForPrediction(Number(p.id.slice(5, 14))).deployedModelVersionId;
      // The planted mis-logged prediction recorded the complement of its model's score.
      if (p.id === truth.replay.misloggedPredictionId) expect(round(1 - reproduce(p, versionId))).toBe(p.score);
      else expect(reproduce(p, versionId)).toBe(p.score);
      expect(p.attributions!.map((a) => a.feature).sort()).toEqual(Object.keys(p.inputs!).sort());
    }
  });

  it('names the planted replay faults', () => {
    const mislogged = byId.get(truth.replay.misloggedPredictionId!)!;
    expect(mislogged.modelVersionIds).toHaveLength(1);
    const faults = scenario.artifacts.filter((a) => a.fault).map((a) => [a.modelVersionId, a.fault]);
    expect(faults.sort()).toEqual(
      [
        [truth.replay.noArtifactModelVersionId, 'NOT_UPLOADED'],
        [truth.replay.corruptArtifactModelVersionId, 'CORRUPTED'],
      ].sort(),
    );
    const served = new Set(all.predictions.flatMap((p) => p.modelVersionIds));
    expect(served.has(truth.replay.noArtifactModelVersionId)).toBe(true);
    const ensembles = all.modelVersions.filter(
      (v) => served.has(v.id) && v.members?.some((m) => m.modelVersionId === truth.replay.corruptArtifactModelVersionId),
    );
    expect(ensembles.length).toBeGreaterThan(0);
  });

  it('produces a plausible mix of outputs and control disagreement', () => {
    const primary = all.predictions.filter((p) => !p.id.endsWith('-ctl'));
    const share = (o: string): number => primary.filter((p) => p.output === o).length / primary.length;
    for (const o of ['CT_SCAN', 'MRI', 'NO_TEST']) expect(share(o)).toBeGreaterThan(0.1);
    const differs = primary.filter((p) => byId.get(`${p.id}-ctl`)!.output !== p.output).length / primary.length;
    expect(differs).toBeGreaterThan(0.03);
    expect(differs).toBeLessThan(0.4);
  });

  it('rejects indices outside the scenario', () => {
    expect(() => truth.truthForPrediction(N)).toThrow(RangeError);
    expect(() => truth.truthForPrediction(-1)).toThrow(RangeError);
  });
});

describe('scale', () => {
  it('answers for any of ten million predictions without generating them', () => {
    const started = performance.now();
    const big = generateScenario({ seed: 1, predictions: 10_000_000 });
    expect(big.truth.counts.predictions).toBe(20_000_000);
    const last = big.truth.truthForPrediction(9_999_999);
    expect(last.predictionId).toBe('pred-009999999');
    expect(last.at < big.truth.servingWindow.to).toBe(true);
    expect(big.truth.violations.servedByRejectedOrRetired[0]!.count).toBeGreaterThan(10_000);
    expect(big.truth.violations.servedByRejectedOrRetired[0]!.idsComplete).toBe(false);
    const first = big.predictionBatches().next().value!;
    expect(first.predictions).toHaveLength(10_000);
    expect(first.predictions![0]!.id).toBe(big.truth.predictionId(0));
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
