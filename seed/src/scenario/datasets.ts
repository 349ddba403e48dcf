/** Datasets with daily (or fixed) snapshots, and the feature catalogue derived from them. */
import type { DatasetVersionInput } from '@ion-lineage/contract';
import { forkRng, sha256Hex } from '../random';
import { DATASETS, FEATURES, type DatasetSpec } from './catalog';
import type { Clock } from './clock';
import { TRAINING_DAYS } from './plan';
import type { FullBundle } from './types';

/** Dataset id of a catalogue key. */
export function datasetId(key: string): string {
  return `ds-${key}`;
}

/** Days on which a dataset has a snapshot. */
function versionDays(spec: DatasetSpec): number[] {
  return spec.versions === 'daily' ? Array.from({ length: TRAINING_DAYS }, (_, d) => d) : spec.versions;
}

/** Id of the version of dataset `key` snapshotted on `day`. */
export function datasetVersionId(clock: Clock, key: string, day: number): string {
  return `dsv-${key}-${clock.dateTag(day)}`;
}

/**
 * The version of `key` a job on `day` reads: the latest snapshot taken on or before that day
 * (snapshots land at 00:30, before any training starts).
 */
export function datasetVersionOn(clock: Clock, key: string, day: number): string {
  const spec = DATASETS.find((d) => d.key === key);
  if (!spec) throw new RangeError(`unknown dataset '${key}'`);
  const days = versionDays(spec).filter((d) => d <= day);
  const last = days[days.length - 1];
  if (last === undefined) throw new RangeError(`dataset '${key}' has no version on day ${day}`);
  return datasetVersionId(clock, key, last);
}

/** Adds datasets, their versions and the features to the base bundle. */
export function addDatasets(base: FullBundle, clock: Clock, seed: number): void {
  const rng = forkRng(seed, 'datasets');
  for (const spec of DATASETS) {
    base.datasets.push({
      id: datasetId(spec.key),
      name: spec.name,
      uri: `s3://stmarys-lake/clinical/${spec.name}`,
      classification: spec.classification,
      owner: spec.owner,
      description: spec.description,
      schema: { columns: { ...spec.columns } },
    });
    // Row counts grow cumulatively for daily snapshots; fixed reference data stays put.
    let rows = spec.versions === 'daily' ? spec.rowsPerDay * rng.int(200, 400) : rng.int(500, 70_000);
    for (const day of versionDays(spec)) {
      const id = datasetVersionId(clock, spec.key, day);
      if (spec.versions === 'daily') rows += Math.round(spec.rowsPerDay * rng.range(0.8, 1.2));
      const version: DatasetVersionInput = {
        id,
        datasetId: datasetId(spec.key),
        version: clock.dateTag(day),
        digest: sha256Hex(`${seed}:${id}:${rows}`),
        rowCount: rows,
        createdAt: clock.iso(day, 0, 30),
      };
      base.datasetVersions.push(version);
    }
  }
  for (const f of FEATURES) {
    base.features.push({
      id: f.id,
      name: f.name,
      dtype: f.dtype,
      description: f.description,
      classification: f.classification,
      transform: f.transform,
      derivedFromDatasetIds: [...f.from],
    });
  }
}
