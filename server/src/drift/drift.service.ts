/**
 * Drift: baselines from training samples, the per-ION policy, evaluation of serving windows
 * into `DriftWindow` nodes and DRIFT events, written through the ordinary event ingest (so
 * anything that follows ingested events, such as outbound notifications, sees them too).
 */
import { createHash } from 'node:crypto';
import { LIMITS } from '@ion-lineage/contract';
import { int } from 'neo4j-driver';
import { badInput, ErrorCode, LineageError } from '../errors';
import type { IngestService } from '../ingest/ingest-service';
import type { Executor, Row } from '../store/executor';
import { DriftReads } from './drift.reads';
import { summarizeRows, toStored } from './drift.signature';
import { type DriftPolicy, type FeatureVerdict, judgeWindow, mergeWindow, type WindowRow, windowStarts } from './drift.windows';
import { fromStored, type StoredSignature } from './drift.signature';

/** Defaults of a new policy. */
export const DEFAULT_POLICY = { psiThreshold: 0.25, ksThreshold: null, minCount: 200, windowHours: 24, features: null } as const;
/** At most this many windows per pipeline node in one evaluation (six weeks of hourly windows). */
export const MAX_WINDOWS_PER_NODE = 1_000;
/** Runs read per window (a week of runs every few minutes, with room). */
const MAX_RUNS_PER_WINDOW = 5_000;

/** What one evaluation did. */
export interface DriftEvaluation {
  windows: number;
  drifted: number;
  alertsCreated: number;
  alertEventIds: string[];
}

function policyId(ionId: string): string {
  return `drift-policy-${ionId}`;
}

function alertId(windowId: string): string {
  return `drift-${createHash('sha256').update(windowId).digest('hex').slice(0, 32)}`;
}

function round(x: number | null | undefined): number | null {
  return x === null || x === undefined ? null : Math.round(x * 1e6) / 1e6;
}

export class DriftService {
  /** Monitoring reads (series, drift in force, predictions during drift). */
  readonly reads: DriftReads;

  constructor(
    private readonly executor: Executor,
    private readonly ingest: IngestService,
  ) {
    this.reads = new DriftReads(executor);
  }

  /** Replaces a dataset version's baseline with the signatures of a sample of its rows. */
  async recordBaseline(datasetVersionId: string, rows: ReadonlyArray<Record<string, unknown>>): Promise<{ features: number; rows: number }> {
    if (rows.length === 0 || rows.length > LIMITS.batchItems)
      throw badInput([{ path: 'rows', message: `must hold 1 to ${LIMITS.batchItems} rows, got ${rows.length}` }]);
    const bad = rows.findIndex((row) => row === null || typeof row !== 'object' || Array.isArray(row));
    if (bad >= 0) throw badInput([{ path: `rows[${bad}]`, message: 'must be an object of feature values' }]);
    const sigs = [...summarizeRows(rows).values()];
    if (sigs.length > 1_000) throw badInput([{ path: 'rows', message: `names ${sigs.length} features; at most 1000` }]);
    const stored = sigs.map((sig) => ({ id: `sig:${datasetVersionId}:${sig.feature}`, ...toStored(sig) }));
    const written = await this.executor.run<{ written: number }>('drift/baseline-write', { datasetVersionId, rows: stored });
    if (!written.length)
      throw new LineageError(ErrorCode.NOT_FOUND, `datasetVersionId: unknown DatasetVersion '${datasetVersionId}'`, [
        { path: 'datasetVersionId', message: 'unknown' },
      ]);
    return { features: sigs.length, rows: rows.length };
  }

  /** Stores an ION's policy (unset thresholds take the defaults). */
  async setPolicy(input: Partial<DriftPolicy> & { ionId: string }): Promise<DriftPolicy> {
    const policy: DriftPolicy = { ...DEFAULT_POLICY, ...definedOnly(input), ionId: input.ionId };
    const problems = [];
    if (!(policy.psiThreshold > 0 && policy.psiThreshold <= 10)) problems.push({ path: 'psiThreshold', message: 'must be in (0, 10]' });
    if (policy.ksThreshold !== null && !(policy.ksThreshold > 0 && policy.ksThreshold <= 1))
      problems.push({ path: 'ksThreshold', message: 'must be in (0, 1]' });
    if (!Number.isInteger(policy.minCount) || policy.minCount < 1 || policy.minCount > 1_000_000)
      problems.push({ path: 'minCount', message: 'must be an integer in [1, 1000000]' });
    if (!Number.isInteger(policy.windowHours) || policy.windowHours < 1 || policy.windowHours > 168)
      problems.push({ path: 'windowHours', message: 'must be an integer in [1, 168]' });
    if (policy.features && policy.features.length > 1_000) problems.push({ path: 'features', message: 'at most 1000 features' });
    if (problems.length) throw badInput(problems);
    const rows = await this.executor.run('drift/policy-set', { policy: { id: policyId(policy.ionId), ...policy } });
    if (!rows.length) throw new LineageError(ErrorCode.NOT_FOUND, `ionId: unknown ION '${policy.ionId}'`, [{ path: 'ionId', message: 'unknown' }]);
    return policy;
  }

  /** The ION's policy, or null when none is set. */
  async policy(ionId: string): Promise<DriftPolicy | null> {
    const rows = await this.executor.run<DriftPolicy & Row>('drift/policy', { id: policyId(ionId) });
    return rows[0] ? { ...rows[0], features: rows[0].features ?? null, ksThreshold: rows[0].ksThreshold ?? null } : null;
  }

  /**
   * Evaluates the windows of the ION's inference and control nodes that start in [from, to)
   * (default: all with signatures). Windows are overwritten in place and an alert is raised
   * once per drifted window, so evaluating again never duplicates anything.
   */
  async evaluate(ionId: string, from?: string | null, to?: string | null): Promise<DriftEvaluation> {
    const policy = await this.policy(ionId);
    if (!policy)
      throw new LineageError(ErrorCode.NOT_FOUND, `ionId: ION '${ionId}' has no drift policy; set one with setDriftPolicy`, [
        { path: 'ionId', message: 'no drift policy' },
      ]);
    const nodes = await this.executor.run<{ id: string }>('drift/serving-nodes', { ionId });
    const result: DriftEvaluation = { windows: 0, drifted: 0, alertsCreated: 0, alertEventIds: [] };
    for (const node of nodes) {
      const span = (await this.executor.run<{ first: string | null; last: string | null }>('drift/window-span', { pipelineNodeId: node.id }))[0];
      if (!span?.first || !span.last) continue;
      const fromMs = Math.max(Date.parse(span.first), from ? Date.parse(from) : -Infinity);
      const toMs = Math.min(Date.parse(span.last) + 1, to ? Date.parse(to) : Infinity);
      const starts = windowStarts(fromMs, toMs, policy.windowHours);
      if (starts.length > MAX_WINDOWS_PER_NODE)
        throw badInput([{ path: 'from', message: `spans ${starts.length} windows on ${node.id}; at most ${MAX_WINDOWS_PER_NODE} per evaluation` }]);
      let previous = null;
      const step = policy.windowHours * 3_600_000;
      if (starts.length) previous = await this.windowAt(node.id, starts[0]! - step, step);
      for (const start of starts) {
        const current = await this.windowAt(node.id, start, step);
        if (!current) {
          previous = null;
          continue;
        }
        const outcome = await this.evaluateWindow(policy, node.id, start, step, current, previous?.signatures ?? null);
        result.windows += 1;
        result.drifted += outcome.drifted;
        result.alertsCreated += outcome.created.length;
        result.alertEventIds.push(...outcome.created);
        previous = current;
      }
    }
    return result;
  }

  private async windowAt(pipelineNodeId: string, startMs: number, step: number) {
    const runs = await this.executor.run<{ runId: string; features: string } & Row>('drift/window-signatures', {
      pipelineNodeId,
      from: new Date(startMs).toISOString(),
      to: new Date(startMs + step).toISOString(),
      limit: int(MAX_RUNS_PER_WINDOW),
    });
    if (!runs.length) return null;
    const rows: WindowRow[] = runs.flatMap((run) =>
      Object.values(JSON.parse(run.features) as Record<string, StoredSignature>).map((sig) => ({ ...sig, runId: run.runId })),
    );
    return { signatures: mergeWindow(rows), runIds: [...new Set(rows.map((r) => r.runId))].sort() };
  }

  private async evaluateWindow(
    policy: DriftPolicy,
    nodeId: string,
    start: number,
    step: number,
    current: { signatures: ReturnType<typeof mergeWindow>; runIds: string[] },
    previous: ReturnType<typeof mergeWindow> | null,
  ): Promise<{ drifted: number; created: string[] }> {
    const found = (
      await this.executor.run<{ modelVersionIds: string[]; baselines: Array<StoredSignature & { datasetVersionId: string }> }>('drift/window-baselines', {
        runIds: current.runIds,
      })
    )[0];
    const baselines = new Map((found?.baselines ?? []).map((b) => [b.feature, { signature: fromStored(b), datasetVersionId: b.datasetVersionId }]));
    const modelVersionIds = [...(found?.modelVersionIds ?? [])].sort();
    const verdicts = judgeWindow(policy, current.signatures, previous, baselines);
    const from = new Date(start).toISOString();
    const to = new Date(start + step).toISOString();
    const lastRunId = current.runIds[current.runIds.length - 1]!;
    const windows = verdicts.map((v) => windowRow(policy, nodeId, from, to, v, current.runIds, modelVersionIds));
    await this.executor.run('drift/windows-write', { rows: windows });
    const drifted = windows.filter((w) => w.drifted);
    if (!drifted.length) return { drifted: 0, created: [] };

    const ids = drifted.map((w) => w.alertEventId!);
    const stored = new Set((await this.executor.run<{ id: string }>('lookup/event', { ids })).map((r) => r.id));
    const events = drifted
      .filter((w) => !stored.has(w.alertEventId!))
      .map((w) => ({
        id: w.alertEventId!,
        runId: lastRunId,
        type: 'DRIFT' as const,
        at: to,
        message: `Drift on ${w.feature}: PSI ${w.psi!.toFixed(2)} vs training dataset version ${w.baselineDatasetVersionId} (threshold ${w.threshold}), window ${from} to ${to} on ${nodeId}.`,
        details: {
          source: 'drift-monitor',
          feature: w.feature,
          psi: w.psi,
          ks: w.ks,
          js: w.js,
          threshold: w.threshold,
          windowId: w.id,
          pipelineNodeId: nodeId,
          from,
          to,
          baselineDatasetVersionId: w.baselineDatasetVersionId,
          modelVersionIds,
        },
      }));
    if (events.length) await this.ingest.ingestBundle({ events });
    await this.executor.run('drift/alerts-link', {
      rows: drifted.map((w) => ({
        eventId: w.alertEventId,
        windowId: w.id,
        feature: w.feature,
        baselineDatasetVersionId: w.baselineDatasetVersionId,
        modelVersionIds,
      })),
    });
    return { drifted: drifted.length, created: events.map((e) => e.id) };
  }
}

function windowRow(policy: DriftPolicy, nodeId: string, from: string, to: string, v: FeatureVerdict, runIds: string[], modelVersionIds: string[]) {
  const id = `${nodeId}|${from}|${v.feature}`;
  const shown = v.vsBaseline ?? v.vsPrevious;
  return {
    id,
    ionId: policy.ionId,
    pipelineNodeId: nodeId,
    feature: v.feature,
    kind: v.kind,
    from,
    to,
    rows: v.rows,
    count: v.count,
    missingRate: round(v.missingRate),
    psi: round(v.vsBaseline?.psi),
    ks: round(v.vsBaseline?.ks),
    js: round(v.vsBaseline?.js),
    wasserstein: round(v.vsBaseline?.wasserstein),
    psiPrev: round(v.vsPrevious?.psi),
    ksPrev: round(v.vsPrevious?.ks),
    jsPrev: round(v.vsPrevious?.js),
    threshold: v.threshold,
    drifted: v.drifted,
    baselineDatasetVersionId: v.baselineDatasetVersionId,
    runIds,
    modelVersionIds,
    // The histograms drawn: against the baseline, or (score, output) against the previous window.
    histogram: shown
      ? JSON.stringify({ against: v.vsBaseline ? 'BASELINE' : 'PREVIOUS', bins: shown.bins, reference: shown.reference, current: shown.current })
      : null,
    alertEventId: v.drifted ? alertId(id) : null,
  };
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}
