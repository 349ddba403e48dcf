/**
 * Builds the demo's linear-logistic scoring specs as real ONNX models (float64 throughout, so
 * the replayed score matches the recorded one to rounding): `logit = bias + ((x / scale) −
 * baseline) · coefficients`, `score = sigmoid(logit)`, `label = (score ≥ MRI) + (score ≥ CT)`
 * indexing `ion.labels`. Written with the ONNX protobuf definitions (onnx-proto) rather than by
 * hand, and deterministic: the same spec always gives the same bytes, so digests are stable.
 */
import onnxProto, { type onnx as Onnx } from 'onnx-proto';
import { ONNX_META } from '../../../server/src/replay/onnx-format';
import type { CompiledScoring } from './scoring-compile';

// onnx-proto is CommonJS: its namespace comes through the default export.
const { onnx } = onnxProto;
const OPSET = 13;
const LABELS = ['NO_TEST', 'MRI', 'CT_SCAN'] as const;
const { DOUBLE, INT64 } = onnx.TensorProto.DataType;

function tensor(name: string, dims: number[], values: number[]): Onnx.ITensorProto {
  return { name, dims, dataType: DOUBLE, doubleData: values };
}

function valueInfo(name: string, elemType: number, dims: Array<number | string>): Onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

function node(opType: string, input: string[], output: string[]): Onnx.INodeProto {
  return { opType, input, output, name: output[0] };
}

/** The ONNX bytes of a compiled linear-logistic model with the given score thresholds. */
export function linearOnnxModel(model: CompiledScoring, thresholds: { MRI: number; CT_SCAN: number }, docString: string): Uint8Array {
  const n = model.terms.length;
  const encodings = Object.fromEntries(model.terms.filter((t) => t.encoding).map((t) => [t.name, t.encoding!]));
  const graph: Onnx.IGraphProto = {
    name: 'linear_logistic',
    input: [valueInfo('x', DOUBLE, ['N', n])],
    output: [valueInfo('logit', DOUBLE, ['N', 1]), valueInfo('score', DOUBLE, ['N', 1]), valueInfo('label', INT64, ['N', 1])],
    initializer: [
      // Categorical codes are already on their scale: they divide by 1.
      tensor(
        'scale',
        [n],
        model.terms.map((t) => (t.encoding ? 1 : t.scale)),
      ),
      tensor(
        'baseline',
        [n],
        model.terms.map((t) => t.baseline),
      ),
      tensor(
        'coefficients',
        [n, 1],
        model.terms.map((t) => t.coefficient),
      ),
      tensor('bias', [1], [model.bias]),
      tensor('t_mri', [1], [thresholds.MRI]),
      tensor('t_ct', [1], [thresholds.CT_SCAN]),
    ],
    node: [
      node('Div', ['x', 'scale'], ['scaled']),
      node('Sub', ['scaled', 'baseline'], ['centred']),
      node('MatMul', ['centred', 'coefficients'], ['z0']),
      node('Add', ['z0', 'bias'], ['logit']),
      node('Sigmoid', ['logit'], ['score']),
      node('GreaterOrEqual', ['score', 't_mri'], ['ge_mri']),
      node('GreaterOrEqual', ['score', 't_ct'], ['ge_ct']),
      { ...node('Cast', ['ge_mri'], ['i_mri']), attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: INT64 }] },
      { ...node('Cast', ['ge_ct'], ['i_ct']), attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: INT64 }] },
      node('Add', ['i_mri', 'i_ct'], ['label']),
    ],
  };
  const metadata: Record<string, string> = {
    [ONNX_META.features]: JSON.stringify(model.terms.map((t) => t.name)),
    [ONNX_META.encodings]: JSON.stringify(encodings),
    [ONNX_META.labels]: JSON.stringify(LABELS),
    [ONNX_META.outputs]: JSON.stringify({ score: 'score', label: 'label', logit: 'logit' }),
  };
  const proto: Onnx.IModelProto = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: OPSET }],
    producerName: 'ion-lineage-seed',
    producerVersion: '1',
    docString,
    graph,
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(proto)).finish();
}
