import { describe, expect, it } from 'vitest';
import { BUNDLE_ORDER, type IngestBundle } from '@ion-lineage/contract';
import { generateScenario } from './scenario';
import { collect } from './testing';

const scenario = generateScenario({ seed: 7, predictions: 3_000, predictionBatchSize: 1_000 });
const { bundles, all } = collect(scenario);

type Kind =
  | 'principal'
  | 'ion'
  | 'node'
  | 'instance'
  | 'dataset'
  | 'dsv'
  | 'feature'
  | 'model'
  | 'run'
  | 'stage'
  | 'mv'
  | 'approval'
  | 'deployment'
  | 'prediction'
  | 'event';
type Ref = [Kind, string | undefined];

/** What each item refers to; checked against ids defined strictly earlier in load order. */
function refsOf(part: keyof IngestBundle, item: Record<string, unknown>): Ref[] {
  const ids = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
  const one = (k: Kind, v: unknown): Ref => [k, v === undefined ? undefined : String(v)];
  switch (part) {
    case 'ionInstances':
      return [one('ion', item.ionId)];
    case 'datasetVersions':
      return [one('dataset', item.datasetId)];
    case 'features':
      return ids(item.derivedFromDatasetIds).map((id) => one('dataset', id));
    case 'runs':
      return [
        one('node', item.pipelineNodeId),
        ...(item.instanceId ? [one('instance', item.instanceId)] : []),
        ...(item.triggeredById ? [one('principal', item.triggeredById)] : []),
        ...ids(item.readDatasetVersionIds).map((id) => one('dsv', id)),
        ...ids(item.usedFeatureIds).map((id) => one('feature', id)),
      ];
    case 'stages':
      return [one('run', item.runId), ...ids(item.feedsStageIds).map((id) => one('stage', id))];
    case 'modelVersions':
      return [
        one('model', item.modelId),
        ...(item.producedByRunId ? [one('run', item.producedByRunId)] : []),
        ...(item.uploadedById ? [one('principal', item.uploadedById)] : []),
        ...((item.members as Array<{ modelVersionId: string }> | undefined) ?? []).map((m) => one('mv', m.modelVersionId)),
      ];
    case 'approvals':
      return [
        one('mv', item.modelVersionId),
        one('ion', item.ionId),
        one('principal', item.principalId),
        ...(item.policyRunId ? [one('run', item.policyRunId)] : []),
      ];
    case 'deployments':
      return [one('mv', item.modelVersionId), one('node', item.pipelineNodeId), ...(item.approvalId ? [one('approval', item.approvalId)] : [])];
    case 'modelLoads':
      return [one('run', item.runId), one('mv', item.modelVersionId)];
    case 'predictions':
      return [one('run', item.runId), ...ids(item.modelVersionIds).map((id) => one('mv', id))];
    case 'events':
      return [one('run', item.runId)];
    default:
      return [];
  }
}

const KIND: Partial<Record<keyof IngestBundle, Kind>> = {
  principals: 'principal',
  ions: 'ion',
  ionInstances: 'instance',
  datasets: 'dataset',
  datasetVersions: 'dsv',
  features: 'feature',
  models: 'model',
  runs: 'run',
  stages: 'stage',
  modelVersions: 'mv',
  approvals: 'approval',
  deployments: 'deployment',
  predictions: 'prediction',
  events: 'event',
};

describe('referential integrity', () => {
  it('refers only to ids defined earlier (base, then batches, in BUNDLE_ORDER, then list order)', () => {
    const defined = new Map<Kind, Set<string>>();
    const has = (k: Kind, id: string): boolean => defined.get(k)?.has(id) ?? false;
    const define = (k: Kind, id: string): void => {
      if (!defined.has(k)) defined.set(k, new Set());
      expect(has(k, id), `${k} ${id} defined twice`).toBe(false);
      defined.get(k)!.add(id);
    };
    const problems: string[] = [];
    for (const bundle of bundles) {
      for (const part of BUNDLE_ORDER) {
        for (const raw of bundle[part] ?? []) {
          const item = raw as unknown as Record<string, unknown>;
          for (const [kind, id] of refsOf(part, item))
            if (id === undefined || !has(kind, id)) problems.push(`${part} ${String(item.id ?? item.runId)} -> ${kind} ${id}`);
          const kind = KIND[part];
          if (kind) define(kind, String(item.id));
          if (part === 'ions')
            for (const node of (raw as unknown as { definition: { nodes: Array<{ id: string }> } }).definition.nodes) define('node', node.id);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps every stage DAG inside its run', () => {
    const runOf = new Map(all.stages.map((s) => [s.id, s.runId]));
    for (const s of all.stages) for (const target of s.feedsStageIds ?? []) expect(runOf.get(target)).toBe(s.runId);
  });
});

describe('counts', () => {
  it('match the ground truth', () => {
    const c = scenario.truth.counts;
    expect(all.principals.length).toBe(c.principals);
    expect(all.ions.length).toBe(c.ions);
    expect(all.ions.flatMap((i) => i.definition.nodes).length).toBe(c.pipelineNodes);
    expect(all.ionInstances.length).toBe(c.ionInstances);
    expect(all.datasets.length).toBe(c.datasets);
    expect(all.datasetVersions.length).toBe(c.datasetVersions);
    expect(all.features.length).toBe(c.features);
    expect(all.models.length).toBe(c.models);
    expect(all.modelVersions.length).toBe(c.modelVersions);
    expect(all.runs.length).toBe(c.runs);
    expect(all.stages.length).toBe(c.stages);
    expect(all.approvals.length).toBe(c.approvals);
    expect(all.deployments.length).toBe(c.deployments);
    expect(all.predictions.length).toBe(c.predictions);
    expect(all.events.length).toBe(c.events);
    expect(all.modelLoads.length).toBe(c.modelLoads);
    expect(c.predictions).toBe(2 * 3_000);
  });

  it('respects the batch size and the ingest limit of 10 000 items per part', () => {
    for (const [i, bundle] of bundles.entries()) {
      if (i > 0) expect(bundle.predictions!.length).toBeLessThanOrEqual(1_000);
      for (const part of BUNDLE_ORDER) expect((bundle[part] ?? []).length).toBeLessThanOrEqual(10_000);
    }
    expect(bundles.length).toBe(1 + 6);
  });
});

describe('time consistency', () => {
  const ms = (s: string | undefined): number => (s === undefined ? Number.POSITIVE_INFINITY : Date.parse(s));
  const runs = new Map(all.runs.map((r) => [r.id, r]));
  const instances = new Map(all.ionInstances.map((i) => [i.id, i]));

  it('places runs inside their instance and predictions and events inside their run', () => {
    for (const r of all.runs) {
      expect(ms(r.endedAt)).toBeGreaterThan(ms(r.startedAt));
      const inst = instances.get(r.instanceId!)!;
      expect(ms(r.startedAt)).toBeGreaterThanOrEqual(ms(inst.startedAt));
      expect(ms(r.startedAt)).toBeLessThan(ms(inst.endedAt));
    }
    for (const x of [...all.predictions, ...all.events, ...all.modelLoads]) {
      const run = runs.get(x.runId)!;
      expect(ms(x.at)).toBeGreaterThanOrEqual(ms(run.startedAt));
      expect(ms(x.at)).toBeLessThan(ms(run.endedAt));
    }
  });

  it('decides after creation and deploys after approval, with no overlapping deployments per node', () => {
    const versions = new Map(all.modelVersions.map((v) => [v.id, v]));
    const approvals = new Map(all.approvals.map((a) => [a.id, a]));
    for (const a of all.approvals) expect(ms(a.at)).toBeGreaterThan(ms(versions.get(a.modelVersionId)!.createdAt));
    for (const v of all.modelVersions) {
      if (v.producedByRunId) expect(ms(v.createdAt)).toBeGreaterThanOrEqual(ms(runs.get(v.producedByRunId)!.endedAt));
      for (const m of v.members ?? []) expect(ms(versions.get(m.modelVersionId)!.createdAt)).toBeLessThan(ms(v.createdAt));
    }
    for (const d of all.deployments) {
      if (d.approvalId) expect(ms(d.from)).toBeGreaterThan(ms(approvals.get(d.approvalId)!.at));
      for (const e of all.deployments) {
        if (e === d || e.pipelineNodeId !== d.pipelineNodeId) continue;
        expect(ms(d.from) >= ms(e.to) || ms(e.from) >= ms(d.to), `${d.id} overlaps ${e.id}`).toBe(true);
      }
    }
  });

  it('emits predictions in time order', () => {
    const primary = all.predictions.filter((p) => !p.id.endsWith('-ctl'));
    for (let i = 1; i < primary.length; i++) expect(primary[i]!.at >= primary[i - 1]!.at).toBe(true);
    expect(primary[0]!.at >= scenario.truth.servingWindow.from && primary.at(-1)!.at < scenario.truth.servingWindow.to).toBe(true);
  });
});
