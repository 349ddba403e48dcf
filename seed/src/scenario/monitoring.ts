/**
 * The monitor pipeline: one drift check per serving day, with the planted drift alert that
 * led to the recall of ensemble v3. Its runs and events are part of the base bundle.
 */
import type { EventInput } from '@ion-lineage/contract';
import { forkRng, round } from '../random';
import { type Clock } from './clock';
import { ensembleVersionId } from './ensemble';
import { instanceIdForDay } from './ion';
import { DRIFT_ALERT, NODE, SERVING_END_DAY, SERVING_START_DAY } from './plan';
import { chain, stagesFor } from './stages';
import type { FullBundle } from './types';

const WATCHED = ['lab_crp_mg_l', 'notes_symptom_severity', 'patient_age', 'lab_wbc_count'];

/** Adds a monitor run per serving day and its events. */
export function addMonitoring(base: FullBundle, clock: Clock, seed: number): void {
  const rng = forkRng(seed, 'monitoring');
  for (let day = SERVING_START_DAY; day < SERVING_END_DAY; day++) {
    const runId = `run-monitor-${clock.dateTag(day)}`;
    base.runs.push({
      id: runId,
      pipelineNodeId: NODE.monitor,
      instanceId: instanceIdForDay(clock, day),
      kind: 'MONITOR',
      startedAt: clock.iso(day, 5),
      endedAt: clock.iso(day, 5, 20),
      status: 'COMPLETED',
      params: { window: '24h', psiThreshold: 0.25, referenceWindow: '7d' },
      engine: 'evidently',
      engineVersion: '0.4.33',
      host: 'monitor-01.ml.stmarys.internal',
      triggeredById: 'prn-svc-monitor',
    });
    base.stages.push(
      ...stagesFor(
        runId,
        chain([
          { name: 'collect', type: 'extract', stats: { predictions: rng.int(5_000, 40_000) } },
          { name: 'compare', type: 'drift-check', stats: { features: 9 } },
        ]),
      ),
    );
    const events: EventInput[] = [];
    if (day === DRIFT_ALERT.day) {
      events.push({
        id: `evt-${runId}-1`,
        runId,
        type: 'DRIFT',
        at: clock.iso(day, DRIFT_ALERT.hour, 10),
        message: 'Drift on xray_opacity_score: PSI 0.31 over the last 48h (threshold 0.25).',
        details: { feature: 'xray_opacity_score', psi: 0.31 },
      });
      events.push({
        id: `evt-${runId}-2`,
        runId,
        type: 'ALERT',
        at: clock.iso(day, DRIFT_ALERT.hour, 12),
        message: `AUC proxy of ensemble v${DRIFT_ALERT.ensembleVersion} fell to 0.74 (policy minimum 0.80); paging the on-call reviewer.`,
        details: { aucProxy: 0.74, modelVersionId: ensembleVersionId(DRIFT_ALERT.ensembleVersion) },
      });
    } else if (rng.chance(0.2)) {
      const feature = rng.pick(WATCHED);
      const psi = round(rng.range(0.1, 0.2), 3);
      events.push({
        id: `evt-${runId}-1`,
        runId,
        type: 'DRIFT',
        at: clock.iso(day, 5, 15),
        message: `Minor drift on ${feature}: PSI ${psi} (below threshold 0.25).`,
        details: { feature, psi },
      });
    } else {
      events.push({ id: `evt-${runId}-1`, runId, type: 'INFO', at: clock.iso(day, 5, 15), message: 'Daily drift report: no feature above threshold.' });
    }
    base.events.push(...events);
  }
}
