/**
 * The serving timeline: where prediction i falls in time, and which deployment, model version
 * and inference runs serve each hour. Everything is a pure function of the index or the hour,
 * so any prediction can be rebuilt without the ones before it.
 */
import type { DeploymentInput, EnsembleMemberInput } from '@ion-lineage/contract';
import { indexSeed, mix32, normalizeSeed, hashString } from '../random';
import { HOUR_MS, iso, type Clock } from './clock';
import { instanceIdForDay } from './ion';
import { NODE, SERVING_END_DAY, SERVING_START_DAY } from './plan';
import type { FullBundle } from './types';

/** What serves one node during one hour. */
export interface NodeSlot {
  runId: string;
  deploymentId: string;
  modelVersionId: string;
  /** Ensemble members (empty for the surrogate). */
  members: EnsembleMemberInput[];
}

/** One hour of serving: deployments change only on whole hours. */
export interface HourSlot {
  hour: number;
  startMs: number;
  endMs: number;
  /** `iso(startMs).slice(0, 14)`, for `isoWithinHour`. */
  isoPrefix: string;
  instanceId: string;
  primary: NodeSlot;
  control: NodeSlot;
}

function deploymentAt(deployments: readonly DeploymentInput[], nodeId: string, ms: number): DeploymentInput {
  const found = deployments.find((d) => d.pipelineNodeId === nodeId && Date.parse(d.from) <= ms && (d.to === undefined || ms < Date.parse(d.to)));
  if (!found) throw new Error(`no deployment on ${nodeId} at ${iso(ms)}`);
  return found;
}

/** Index ↔ time mapping of primary predictions and the hour table. */
export class ServingTimeline {
  readonly fromMs: number;
  readonly toMs: number;
  readonly hours: number;
  readonly slots: HourSlot[];
  private readonly step: number;
  private readonly timeSeed: number;

  constructor(
    clock: Clock,
    seed: number,
    /** Number of primary predictions. */
    readonly requests: number,
    base: FullBundle,
  ) {
    this.fromMs = clock.ms(SERVING_START_DAY);
    this.toMs = clock.ms(SERVING_END_DAY);
    this.hours = (this.toMs - this.fromMs) / HOUR_MS;
    this.step = (this.toMs - this.fromMs) / Math.max(1, requests);
    this.timeSeed = mix32(normalizeSeed(seed) ^ hashString('prediction-time'));
    const members = new Map(base.modelVersions.map((mv) => [mv.id, mv.members ?? []]));
    const slot = (nodeId: string, runPrefix: string, startMs: number): NodeSlot => {
      const d = deploymentAt(base.deployments, nodeId, startMs);
      return {
        runId: `${runPrefix}-${iso(startMs).slice(0, 13)}`,
        deploymentId: d.id,
        modelVersionId: d.modelVersionId,
        members: members.get(d.modelVersionId) ?? [],
      };
    };
    this.slots = Array.from({ length: this.hours }, (_, hour) => {
      const startMs = this.fromMs + hour * HOUR_MS;
      return {
        hour,
        startMs,
        endMs: startMs + HOUR_MS,
        isoPrefix: iso(startMs).slice(0, 14),
        instanceId: instanceIdForDay(clock, clock.dayOf(startMs)),
        primary: slot(NODE.inference, 'run-inference', startMs),
        control: slot(NODE.canary, 'run-control', startMs),
      };
    });
  }

  /**
   * Epoch ms of primary prediction i: evenly spread with a per-index jitter below one step, so
   * times are non-decreasing in i and stay inside the serving window.
   */
  atOf(index: number): number {
    const jitter = indexSeed(this.timeSeed, index) / 4294967296;
    const offset = Math.floor((index + jitter) * this.step);
    return this.fromMs + Math.min(offset, this.toMs - this.fromMs - 1);
  }

  /** Smallest index whose time is ≥ ms (`requests` if none): binary search on `atOf`. */
  firstIndexAtOrAfter(ms: number): number {
    let lo = 0;
    let hi = this.requests;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.atOf(mid) >= ms) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Index range [first, end) of predictions in [fromMs, toMs). */
  indexRange(fromMs: number, toMs: number): [number, number] {
    return [this.firstIndexAtOrAfter(fromMs), this.firstIndexAtOrAfter(toMs)];
  }

  /** Hour slot number of an instant inside the serving window. */
  hourOf(ms: number): number {
    return Math.floor((ms - this.fromMs) / HOUR_MS);
  }

  /** Number of predictions in an hour (inference runs exist only for hours with at least one). */
  requestsInHour(hour: number): number {
    const slot = this.slots[hour];
    if (!slot) return 0;
    const [first, end] = this.indexRange(slot.startMs, slot.endMs);
    return end - first;
  }
}
