/**
 * A verified ONNX artifact made ready to run: its onnxruntime session plus how to feed it and
 * read it. Feeding and reading come from the model's own metadata (`onnx-format.ts`); a model
 * without it (e.g. converted by skl2onnx) is read by output name: `label` / `output_label`
 * gives the class, `probabilities` / `output_probability` (a [N, classes] tensor, ZipMap off)
 * gives the score as the probability of the last class, `score` / `logit` when present.
 */
import * as ort from 'onnxruntime-node';
import onnxProto from 'onnx-proto';
import { ONNX_META, type ModelResult } from './onnx-format';

// onnx-proto is CommonJS: its namespace comes through the default export.
const { onnx } = onnxProto;

/** Raised when bytes are not an ONNX model this replay can feed (malformed, several inputs, unknown features). */
export class UnsupportedModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedModelError';
  }
}

type InputValue = string | number | boolean | null | undefined;

/** One row of named inputs, as recorded on a prediction. */
export type InputRow = Readonly<Record<string, InputValue>>;

interface OutputNames {
  score?: string;
  label?: string;
  logit?: string;
  probabilities?: string;
}

function metaJson<T>(props: Map<string, string>, key: string): T | undefined {
  const text = props.get(key);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UnsupportedModelError(`metadata ${key} is not JSON`);
  }
}

const pick = (names: readonly string[], ...candidates: string[]): string | undefined => candidates.find((c) => names.includes(c));

/** A loaded model: run it on rows of named inputs. */
export class OnnxModel {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly inputName: string,
    private readonly float64: boolean,
    readonly features: readonly string[],
    private readonly encodings: Record<string, Record<string, number>>,
    private readonly labels: readonly string[] | undefined,
    private readonly outputs: OutputNames,
  ) {}

  /** Parses and opens `bytes`; `fallbackFeatures` name the columns when the model's metadata does not. */
  static async load(bytes: Uint8Array, fallbackFeatures: readonly string[] | undefined): Promise<OnnxModel> {
    let proto: ReturnType<typeof onnx.ModelProto.decode>;
    try {
      proto = onnx.ModelProto.decode(bytes);
    } catch (error) {
      throw new UnsupportedModelError(`not an ONNX model: ${(error as Error).message}`);
    }
    const props = new Map((proto.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? '']));
    const inputs = (proto.graph?.input ?? []).filter((i) => !(proto.graph?.initializer ?? []).some((t) => t.name === i.name));
    if (inputs.length !== 1) throw new UnsupportedModelError(`expects one 2-D input, has ${inputs.length}`);
    const elemType = inputs[0]!.type?.tensorType?.elemType;
    const { DOUBLE, FLOAT } = onnx.TensorProto.DataType;
    if (elemType !== DOUBLE && elemType !== FLOAT) throw new UnsupportedModelError('its input is neither float nor double');
    const features = metaJson<string[]>(props, ONNX_META.features) ?? fallbackFeatures;
    if (!features?.length) throw new UnsupportedModelError('names no input features (model metadata or inputSchema.features)');
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'all', intraOpNumThreads: 1 });
    } catch (error) {
      throw new UnsupportedModelError(`onnxruntime cannot load it: ${(error as Error).message}`);
    }
    const named = metaJson<OutputNames>(props, ONNX_META.outputs);
    const names = session.outputNames;
    const outputs: OutputNames = named ?? {
      label: pick(names, 'label', 'output_label'),
      probabilities: pick(names, 'probabilities', 'output_probability'),
      score: pick(names, 'score'),
      logit: pick(names, 'logit'),
    };
    if (!outputs.score && !outputs.probabilities && !outputs.label)
      throw new UnsupportedModelError(`no score, probabilities or label among outputs ${names.join(', ')}`);
    return new OnnxModel(
      session,
      session.inputNames[0]!,
      elemType === DOUBLE,
      features,
      metaJson(props, ONNX_META.encodings) ?? {},
      metaJson(props, ONNX_META.labels),
      outputs,
    );
  }

  /** Encodes each row's named inputs into the model's columns (categoricals by the model's codes, unknown → 0). */
  private encode(rows: readonly InputRow[]): ort.Tensor {
    const width = this.features.length;
    const data = this.float64 ? new Float64Array(rows.length * width) : new Float32Array(rows.length * width);
    rows.forEach((row, r) => {
      this.features.forEach((name, c) => {
        const value = row[name];
        const codes = this.encodings[name];
        data[r * width + c] = codes ? (codes[String(value)] ?? 0) : typeof value === 'boolean' ? Number(value) : Number(value ?? 0);
      });
    });
    return new ort.Tensor(this.float64 ? 'float64' : 'float32', data, [rows.length, width]);
  }

  /** The model's outputs for each row. */
  async run(rows: readonly InputRow[]): Promise<ModelResult[]> {
    if (rows.length === 0) return [];
    const out = await this.session.run({ [this.inputName]: this.encode(rows) });
    const column = (name: string | undefined, width = 1, index = 0): Array<number | string | null> => {
      const tensor = name ? out[name] : undefined;
      if (!tensor) return rows.map(() => null);
      const data = tensor.data as ArrayLike<number | bigint | string>;
      return rows.map((_, r) => {
        const v = data[r * width + index];
        return typeof v === 'bigint' ? Number(v) : (v ?? null);
      });
    };
    const probs = this.outputs.probabilities ? out[this.outputs.probabilities] : undefined;
    const classes = probs ? Number(probs.dims[1] ?? 1) : 1;
    const scores = this.outputs.score ? column(this.outputs.score) : column(this.outputs.probabilities, classes, classes - 1);
    const logits = column(this.outputs.logit);
    const labels = column(this.outputs.label);
    return rows.map((_, r) => {
      const label = labels[r];
      const output =
        label === null || label === undefined ? null : typeof label === 'number' && this.labels ? (this.labels[label] ?? String(label)) : String(label);
      const score = scores[r];
      const logit = logits[r];
      return { score: typeof score === 'number' ? score : null, output, logit: typeof logit === 'number' ? logit : null };
    });
  }

  /** The class below every threshold (for a combined ensemble score), when the model names its labels. */
  get lowestLabel(): string | undefined {
    return this.labels?.[0];
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
