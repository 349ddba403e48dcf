/**
 * Every Python venv the tests use, by name with its pinned requirements, so the global setup
 * can build them all in the background while the first tests run (a fresh clone otherwise
 * pays each `pip install` on its test's critical path, one after the other).
 */
/** A named venv and the exact packages it holds. */
export interface VenvSpec {
  name: string;
  requirements: readonly string[];
}

/** The client version the OpenLineage interop test is written against. */
export const OPENLINEAGE_PYTHON = 'openlineage-python==1.54.0';
/** The S3-compatible server the S3 artifact store is tested against. */
export const MOTO = 'moto[server]==5.2.5';

/** In the order the prewarm builds them: the quick ones first, MLflow (minutes) last. */
export const VENVS = {
  driftInterop: { name: 'drift-interop', requirements: ['numpy==2.4.6', 'scipy==1.17.1'] },
  openLineagePython: { name: 'openlineage-python', requirements: [OPENLINEAGE_PYTHON] },
  pythonClient: { name: 'python-client', requirements: ['pytest==9.2.0'] },
  /** The W3C PROV reference implementation the PROV-JSON export is read with. */
  prov: { name: 'prov', requirements: ['prov==3.2.3'] },
  moto: { name: 'moto', requirements: [MOTO] },
  onnxInterop: { name: 'onnx-interop', requirements: ['scikit-learn==1.9.1', 'skl2onnx==1.20.0', 'onnx==1.23.2', 'numpy==2.4.6'] },
  /** The MLflow server and client the bridge is tested with (`mlflow` includes the server). */
  mlflowBridge: { name: 'mlflow-bridge', requirements: ['mlflow==3.17.2', 'scikit-learn==1.9.1'] },
} as const satisfies Record<string, VenvSpec>;
