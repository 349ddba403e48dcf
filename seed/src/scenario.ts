/**
 * The demo scenario generator: the ATC'18 "Model Governance" Figure 1(e) medical example as
 * IngestBundles, deterministic by seed, with ground truth for tests.
 *
 * @example
 * const scenario = generateScenario({ seed: 7, predictions: 20_000 });
 * await ingest.ingestBundle(scenario.base);
 * for (const batch of scenario.predictionBatches()) await ingest.ingestBundle(batch);
 */
import { normalizeSeed } from './random';
import { MODELS } from './scenario/catalog';
import { Clock, DEFAULT_START_DATE } from './scenario/clock';
import { addDatasets } from './scenario/datasets';
import { addEnsembles, addLegacy, addSurrogates, type BuiltVersion } from './scenario/ensemble';
import { addMemberReview } from './scenario/governance';
import { addIon } from './scenario/ion';
import { LineageIndex } from './scenario/lineage';
import { addMonitoring } from './scenario/monitoring';
import { baselineSamples } from './scenario/drift';
import { predictionBatches } from './scenario/batches';
import { PredictionFactory, predictionId } from './scenario/predictions';
import { addArtifacts } from './scenario/artifacts';
import { addDeployments, addReleaseApprovals, type VersionIndex } from './scenario/release';
import { ServingTimeline } from './scenario/serving';
import { ServingRuns } from './scenario/serving-runs';
import { addTraining } from './scenario/training';
import { buildTruth } from './scenario/truth';
import type { DemoScenario, FullBundle, ScenarioOptions } from './scenario/types';

export type * from './scenario/types';

/** Primary predictions of `npm run seed` when none are asked for. */
export const DEFAULT_PREDICTIONS = 20_000;
/** Most predictions per batch; matches the ingest limit of items per part. */
export const DEFAULT_PREDICTION_BATCH_SIZE = 10_000;

function emptyBundle(): FullBundle {
  return {
    principals: [],
    ions: [],
    ionInstances: [],
    datasets: [],
    datasetVersions: [],
    features: [],
    models: [],
    runs: [],
    stages: [],
    modelVersions: [],
    approvals: [],
    deployments: [],
    modelLoads: [],
    predictions: [],
    events: [],
  };
}

function checkOptions(options: ScenarioOptions): { requests: number; batchSize: number } {
  const requests = options.predictions;
  if (!Number.isSafeInteger(requests) || requests < 0) throw new RangeError(`predictions must be a non-negative integer, got ${requests}`);
  if (requests > 999_999_999) throw new RangeError('predictions must be below 1e9 (ids hold nine digits)');
  const batchSize = options.predictionBatchSize ?? DEFAULT_PREDICTION_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 2)
    throw new RangeError(`predictionBatchSize must be an integer ≥ 2 (a request is two predictions), got ${batchSize}`);
  return { requests, batchSize };
}

/**
 * The serving runs of every hour that has predictions (with their stages, model loads and
 * events) go into the base: they do not grow with the number of predictions, and prediction
 * batches that refer only to the base can be written in any order, concurrently.
 */
function addServingRuns(base: FullBundle, timeline: ServingTimeline, runs: ServingRuns): void {
  for (let hour = 0; hour < timeline.hours; hour++) {
    if (timeline.requestsInHour(hour) === 0) continue;
    const built = runs.build(hour);
    base.runs.push(...built.runs);
    base.stages.push(...built.stages);
    base.modelLoads.push(...built.modelLoads);
    base.events.push(...built.events);
  }
}

/** Builds the scenario: the base bundle now, predictions lazily, and the ground truth. */
export function generateScenario(options: ScenarioOptions): DemoScenario {
  const { requests, batchSize } = checkOptions(options);
  const seed = normalizeSeed(options.seed);
  const startDate = options.startDate ?? DEFAULT_START_DATE;
  const clock = new Clock(startDate);
  const base = emptyBundle();

  addIon(base, clock);
  addDatasets(base, clock, seed);
  base.models.push(...Object.values(MODELS).map(({ id, name, description }) => ({ id, name, description })));
  const training = addTraining(base, clock, seed);
  const decisions = addMemberReview(base, clock, seed, training.submitted);
  const versions: VersionIndex = new Map<string, BuiltVersion>([['legacy', addLegacy(base, clock, seed)]]);
  for (const v of addSurrogates(base, clock, seed)) versions.set(`surrogate:${v.n}`, v);
  for (const v of addEnsembles(base, clock, seed, training.submitted, decisions)) versions.set(`ensemble:${v.n}`, v);
  addReleaseApprovals(base, clock, versions);
  addDeployments(base, clock, versions);
  addMonitoring(base, clock, seed);
  const { artifacts, faults } = addArtifacts(base.modelVersions);

  const timeline = new ServingTimeline(clock, seed, requests, base);
  const runs = new ServingRuns(clock, seed, timeline);
  const factory = new PredictionFactory(seed, clock, timeline, runs, base.modelVersions);
  const truth = buildTruth(
    { base, timeline, runs, adhocRunId: training.adhoc.runId, seed, clock, factory, lineage: new LineageIndex(base), searchGroups: training.searchGroups },
    clock.iso(0),
    { ...faults, misloggedPredictionId: factory.misloggedIndex < 0 ? null : predictionId(factory.misloggedIndex) },
  );
  addServingRuns(base, timeline, runs);

  return {
    base,
    // A fresh factory per call so two iterations never share scratch state.
    artifacts,
    predictionBatches: (range) => predictionBatches(new PredictionFactory(seed, clock, timeline, runs, base.modelVersions), requests, batchSize, range),
    baselines: () => baselineSamples(base, seed),
    truth,
  };
}
