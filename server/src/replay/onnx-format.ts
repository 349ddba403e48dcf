/**
 * The conventions a replayable ONNX artifact follows, read from the model's own metadata
 * (`metadata_props`), so the artifact alone says how to feed it and which outputs to compare.
 * A model without them (e.g. one converted by skl2onnx) names its features in the model
 * version's `inputSchema.features` and is read by the output-name rules in `onnx-model.ts`.
 */

/** Metadata keys (all values are JSON text). */
export const ONNX_META = {
  /** Input feature names, in the column order of the model's single 2-D input. */
  features: 'ion.features',
  /** Categorical encodings: `{ feature: { value: code } }`; unknown values encode as 0. */
  encodings: 'ion.encodings',
  /** Class names by label index, when the label output is an index. */
  labels: 'ion.labels',
  /** Output names: `{ score, label, logit }` (each optional). */
  outputs: 'ion.outputs',
} as const;

/** The score, label and logit of one row, as a model computed them. */
export interface ModelResult {
  score: number | null;
  output: string | null;
  logit: number | null;
}

/**
 * Largest |replayed − recorded| score still REPRODUCED. The demo (like many gateways) logs
 * scores to 4 decimals, so a faithful replay can differ by up to half a unit of the 4th
 * decimal; anything more is a different computation.
 */
export const REPLAY_TOLERANCE = 5e-5;
