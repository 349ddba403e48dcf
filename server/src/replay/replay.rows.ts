/** Query rows of the replay queries, read into the engine's shapes (JSON blobs parsed at this boundary). */
import { parseStoredJsonObject } from '../store/stored-json';
import type { VersionSpec } from './replay.engine';
import type { InputRow } from './onnx-model';

export type VersionRow = {
  id: string;
  format: string | null;
  digest: string | null;
  hyperparameters: string | null;
  inputSchema: string | null;
  weight?: number | null;
  members?: VersionRow[];
};

/** A prediction as replay reads it. */
export interface LoadedPrediction {
  id: string;
  inputs: InputRow | null;
  output: string | null;
  score: number | null;
  runId: string | null;
  models: VersionSpec[];
}

export type PredictionRow = {
  id: string;
  inputs: string | null;
  output: string | null;
  score: number | null;
  runId: string | null;
  models: VersionRow[];
};

/** A version row as the engine's spec. */
export function versionSpec(row: VersionRow): VersionSpec & { weight: number | null } {
  return {
    id: row.id,
    format: row.format ?? null,
    digest: row.digest ?? null,
    hyperparameters: parseStoredJsonObject(row.hyperparameters),
    inputSchema: parseStoredJsonObject(row.inputSchema),
    weight: typeof row.weight === 'number' ? row.weight : null,
    members: (row.members ?? []).map(versionSpec),
  };
}

/** A prediction row with its inputs parsed (null when none or not an object). */
export function loadedPrediction(row: PredictionRow): LoadedPrediction {
  const inputs = parseStoredJsonObject(row.inputs);
  const usable = inputs && !('raw' in inputs) ? (inputs as InputRow) : null;
  return {
    id: row.id,
    inputs: usable,
    output: row.output ?? null,
    score: typeof row.score === 'number' ? row.score : null,
    runId: row.runId ?? null,
    models: row.models.map(versionSpec),
  };
}
