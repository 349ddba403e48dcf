/**
 * The inference and control runs of one serving hour, with their stages, model loads and
 * events. Built on demand (with the first prediction of the hour) and rebuilt identically by
 * the ground truth.
 */
import type { EventInput, ModelLoadInput, RunInput, StageInput } from '@ion-lineage/contract';
import { Rng, gitSha, hashString, indexSeed, mix32, normalizeSeed } from '../random';
import { MINUTE_MS, iso, type Clock } from './clock';
import { PHI_PURPOSE } from './members';
import { MISSING_VERSION_WINDOW, NODE } from './plan';
import type { HourSlot, NodeSlot, ServingTimeline } from './serving';
import { chain, stagesFor } from './stages';

/** Runs, stages, loads and events of one hour. */
export interface HourBundle {
  runs: RunInput[];
  stages: StageInput[];
  modelLoads: ModelLoadInput[];
  events: EventInput[];
}

/** Builds the serving runs of an hour. */
export class ServingRuns {
  private readonly eventSeed: number;
  private readonly rng = new Rng(0);
  /** The planted registry outage (f), in epoch ms. */
  readonly missingFromMs: number;
  readonly missingToMs: number;

  constructor(
    private readonly clock: Clock,
    private readonly seed: number,
    private readonly timeline: ServingTimeline,
  ) {
    this.eventSeed = mix32(normalizeSeed(seed) ^ hashString('serving-events'));
    const w = MISSING_VERSION_WINDOW;
    this.missingFromMs = clock.ms(w.day, w.from[0], w.from[1]);
    this.missingToMs = clock.ms(w.day, w.to[0], w.to[1]);
  }

  /** Events of the primary (`node` 0) or control (`node` 1) run of an hour. */
  events(slot: HourSlot, node: 0 | 1): EventInput[] {
    const runId = node === 0 ? slot.primary.runId : slot.control.runId;
    this.rng.reset(indexSeed(this.eventSeed, slot.hour * 2 + node));
    const events: EventInput[] = [];
    const add = (type: EventInput['type'], atMs: number, message: string, details?: Record<string, unknown>): void => {
      const event: EventInput = { id: `evt-${runId}-${events.length + 1}`, runId, type, at: iso(atMs), message };
      if (details) event.details = details;
      events.push(event);
    };
    const r = this.rng.next();
    const atMs = slot.startMs + Math.floor(this.rng.next() * 59) * MINUTE_MS;
    if (node === 0) {
      if (r < 0.04) add('WARNING', atMs, 'p99 latency above SLO (850 ms > 500 ms) for 4 minutes.', { p99Ms: 850 });
      else if (r < 0.055)
        add('ERROR', atMs, 'Feature store timeout; requests retried with cached lab values.', { retried: 1 + Math.floor(this.rng.next() * 5) });
      if (slot.startMs < this.missingToMs && this.missingFromMs < slot.endMs) {
        add('WARNING', Math.max(slot.startMs, this.missingFromMs) + MINUTE_MS, 'Model registry unavailable: predictions logged without model version ids.', {
          registry: 'mlflow-prod',
        });
      }
    } else if (r < 0.03) {
      add('ALERT', atMs, 'Control pipeline disagrees with primary on more than 12% of requests in the last hour.');
    }
    return events;
  }

  private run(slot: HourSlot, node: NodeSlot, nodeId: string, kind: 'INFERENCE' | 'CONTROL', requests: number): RunInput {
    const week = Math.floor(this.clock.dayOf(slot.startMs) / 7);
    return {
      id: node.runId,
      pipelineNodeId: nodeId,
      instanceId: slot.instanceId,
      kind,
      startedAt: iso(slot.startMs),
      endedAt: iso(slot.endMs),
      status: 'COMPLETED',
      params: { maxBatch: 32, timeoutMs: 800, requests },
      codeVersion: gitSha(`${this.seed}:${nodeId}:week${week}`),
      engine: 'onnxruntime',
      engineVersion: '1.18.0',
      host: `${kind === 'INFERENCE' ? 'infer' : 'control'}-0${1 + (slot.hour % 3)}.prod.stmarys.internal`,
      environment: { region: 'on-prem-dc1', replicas: 3, image: 'registry.stmarys.internal/ml/triage-serving:2026.03' },
      triggeredById: 'prn-svc-inference-gateway',
      purpose: PHI_PURPOSE,
    };
  }

  /** The two runs of an hour (primary then control) and everything attached to them. */
  build(hour: number): HourBundle {
    const slot = this.timeline.slots[hour];
    if (!slot) throw new RangeError(`no serving hour ${hour}`);
    const requests = this.timeline.requestsInHour(hour);
    const at = iso(slot.startMs);
    const out: HourBundle = { runs: [], stages: [], modelLoads: [], events: [] };
    for (const [node, nodeId, kind] of [
      [slot.primary, NODE.inference, 'INFERENCE'],
      [slot.control, NODE.canary, 'CONTROL'],
    ] as const) {
      out.runs.push(this.run(slot, node, nodeId, kind, requests));
      out.stages.push(
        ...stagesFor(
          node.runId,
          chain([
            { name: 'featurize', type: 'feature-lookup', stats: { requests } },
            { name: 'score', type: 'inference', stats: { requests } },
            { name: 'respond', type: 'respond', stats: { requests } },
          ]),
        ),
      );
      // The ensemble loads its member artifacts too, so LOADED shows every model that ran.
      out.modelLoads.push({ runId: node.runId, modelVersionId: node.modelVersionId, at });
      for (const m of node.members) out.modelLoads.push({ runId: node.runId, modelVersionId: m.modelVersionId, at });
    }
    out.events.push(...this.events(slot, 0), ...this.events(slot, 1));
    return out;
  }
}
