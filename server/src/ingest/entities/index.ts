import type { IngestBundle } from '@ion-lineage/contract';
import type { EntitySpec } from '../engine';
import { datasetSpec, datasetVersionSpec, featureSpec } from './dataset';
import { approvalSpec, deploymentSpec } from './governance';
import { ionSpec } from './ion';
import { modelSpec, modelVersionSpec } from './model';
import { predictionSpec } from './prediction';
import { principalSpec } from './principal';
import { eventSpec, ionInstanceSpec, modelLoadSpec, runSpec, stageSpec } from './run';

type ItemOf<K extends keyof IngestBundle> = NonNullable<IngestBundle[K]>[number];

/** How each part of a bundle is validated and written. */
export const SPECS: { [K in keyof IngestBundle]-?: EntitySpec<ItemOf<K>> } = {
  principals: principalSpec,
  ions: ionSpec,
  ionInstances: ionInstanceSpec,
  datasets: datasetSpec,
  datasetVersions: datasetVersionSpec,
  features: featureSpec,
  models: modelSpec,
  runs: runSpec,
  stages: stageSpec,
  modelVersions: modelVersionSpec,
  approvals: approvalSpec,
  deployments: deploymentSpec,
  modelLoads: modelLoadSpec,
  predictions: predictionSpec,
  events: eventSpec,
};
