/** The "ct-triage" ION (Figure 1(e)): its definition, its weekly instances, and the cast. */
import type { IonDefinition, IonInput, IonInstanceInput } from '@ion-lineage/contract';
import { ION_ID, PRINCIPALS } from './catalog';
import type { Clock } from './clock';
import { INSTANCE_DAYS, NODE, SERVING_END_DAY } from './plan';
import type { FullBundle } from './types';

const REPO = 'git@git.stmarys-health.example:ml/ct-triage';

/** Pipeline and policy nodes with the models, events and data they pass each other. */
export const ION_DEFINITION: IonDefinition = {
  nodes: [
    { id: NODE.etl, name: 'clinical-etl', role: 'ETL', engine: 'airflow', codeRepo: `${REPO}-etl` },
    { id: NODE.trainXray, name: 'train-xray-model', role: 'TRAINING', engine: 'pytorch', codeRepo: `${REPO}-xray` },
    { id: NODE.trainLabs, name: 'train-labs-model', role: 'TRAINING', engine: 'spark', codeRepo: `${REPO}-labs` },
    { id: NODE.trainNotes, name: 'train-notes-model', role: 'TRAINING', engine: 'pytorch', codeRepo: `${REPO}-notes` },
    { id: NODE.memberReview, name: 'member-model-review', role: 'POLICY', engine: 'ion-policy-engine' },
    { id: NODE.ensemble, name: 'build-ensemble', role: 'TRAINING', engine: 'scikit-learn', codeRepo: `${REPO}-ensemble` },
    { id: NODE.surrogate, name: 'train-surrogate', role: 'TRAINING', engine: 'scikit-learn', codeRepo: `${REPO}-surrogate` },
    { id: NODE.release, name: 'release-approval', role: 'POLICY', engine: 'ion-policy-engine' },
    { id: NODE.inference, name: 'ct-triage-inference', role: 'INFERENCE', engine: 'onnxruntime', codeRepo: `${REPO}-serving` },
    { id: NODE.canary, name: 'ct-triage-control', role: 'CONTROL', engine: 'onnxruntime', codeRepo: `${REPO}-serving` },
    { id: NODE.monitor, name: 'model-monitor', role: 'MONITOR', engine: 'evidently' },
  ],
  edges: [
    { from: NODE.etl, to: NODE.trainXray, message: 'DATA' },
    { from: NODE.etl, to: NODE.trainLabs, message: 'DATA' },
    { from: NODE.etl, to: NODE.trainNotes, message: 'DATA' },
    { from: NODE.etl, to: NODE.surrogate, message: 'DATA' },
    { from: NODE.trainXray, to: NODE.memberReview, message: 'MODEL' },
    { from: NODE.trainLabs, to: NODE.memberReview, message: 'MODEL' },
    { from: NODE.trainNotes, to: NODE.memberReview, message: 'MODEL' },
    { from: NODE.memberReview, to: NODE.ensemble, message: 'MODEL' },
    { from: NODE.ensemble, to: NODE.release, message: 'MODEL' },
    { from: NODE.surrogate, to: NODE.release, message: 'MODEL' },
    { from: NODE.release, to: NODE.inference, message: 'MODEL' },
    { from: NODE.release, to: NODE.canary, message: 'MODEL' },
    { from: NODE.inference, to: NODE.monitor, message: 'EVENT' },
    { from: NODE.canary, to: NODE.monitor, message: 'EVENT' },
    { from: NODE.monitor, to: NODE.release, message: 'EVENT' },
  ],
  policy: { metric: 'auc', minimum: 0.8, requiresApproval: true },
};

/** Id of the weekly instance holding scenario day `day`. */
export function instanceIdForDay(clock: Clock, day: number): string {
  const first = Math.floor(day / INSTANCE_DAYS) * INSTANCE_DAYS;
  return `ioni-ct-triage-${clock.dateTag(first)}`;
}

/** Adds principals, the ION and its instances to the base bundle. */
export function addIon(base: FullBundle, clock: Clock): void {
  base.principals.push(...PRINCIPALS.map((p) => ({ ...p })));
  const ion: IonInput = {
    id: ION_ID,
    name: 'ct-triage',
    version: '3.0.0',
    description: 'Recommends CT, MRI or no imaging for emergency patients: three member models, an ensemble, human approval, and a surrogate control pipeline.',
    definition: structuredClone(ION_DEFINITION),
  };
  base.ions.push(ion);
  for (let day = 0; day < SERVING_END_DAY; day += INSTANCE_DAYS) {
    const last = day + INSTANCE_DAYS >= SERVING_END_DAY;
    const instance: IonInstanceInput = {
      id: instanceIdForDay(clock, day),
      ionId: ION_ID,
      startedAt: clock.iso(day),
      status: last ? 'RUNNING' : 'COMPLETED',
    };
    if (!last) instance.endedAt = clock.iso(day + INSTANCE_DAYS);
    base.ionInstances.push(instance);
  }
}
