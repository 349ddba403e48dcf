/**
 * A model from outside: scikit-learn trains a classifier in Python and skl2onnx converts it;
 * the test uploads the ONNX bytes to the artifact store, records the version and predictions
 * (scikit-learn's own outputs) through the GraphQL ingest API, and replays every one: same
 * label, same probability. The model carries none of the demo's metadata: its columns come from
 * the version's inputSchema.features, its outputs by skl2onnx's names (label, probabilities).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalArtifactStore, sha256Digest } from '../../server/src/artifacts/artifact-store';
import { Role } from '../../server/src/auth/roles';
import { venvPython } from '../interop/venv';
import { VENVS } from '../interop/venvs';
import { expectSuccess, INGEST_BUNDLE } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';

const run = promisify(execFile);
/** Pinned together: scikit-learn, its converter, the ONNX package, and numpy. */

interface Expected {
  features: string[];
  rows: Array<{ inputs: Record<string, number>; label: string; score: number }>;
}

let dir: string;
let server: TestServer;
let expected: Expected;
const ids = (i: number) => `skl-pred-${String(i).padStart(3, '0')}`;

beforeAll(async () => {
  const python = await venvPython(VENVS.onnxInterop);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ion-onnx-interop-'));
  await run(python, [path.join(import.meta.dirname, '..', 'interop', 'train_sklearn_onnx.py'), dir], { timeout: 120_000 });
  expected = JSON.parse(await fs.readFile(path.join(dir, 'expected.json'), 'utf8')) as Expected;
  const bytes = await fs.readFile(path.join(dir, 'model.onnx'));
  const digest = sha256Digest(bytes);
  server = await startTestServer({ wipe: true, artifacts: new LocalArtifactStore(path.join(dir, 'artifacts')) });
  await server.graph.services.artifacts.put(digest, bytes);
  const bundle = {
    ions: [{ id: 'skl-ion', name: 'sklearn interop', version: '1', definition: { nodes: [{ id: 'skl-node', name: 'score', role: 'INFERENCE' }], edges: [] } }],
    models: [{ id: 'skl-model', name: 'sklearn-logreg' }],
    modelVersions: [
      {
        id: 'skl-mv-1',
        modelId: 'skl-model',
        version: '1.0.0',
        algorithm: 'logistic regression',
        framework: 'scikit-learn',
        format: 'ONNX',
        digest,
        status: 'APPROVED',
        inputSchema: { features: expected.features },
      },
    ],
    runs: [{ id: 'skl-run', pipelineNodeId: 'skl-node', kind: 'INFERENCE', startedAt: '2026-03-01T00:00:00Z', status: 'COMPLETED' }],
    predictions: expected.rows.map((row, i) => ({
      id: ids(i),
      runId: 'skl-run',
      requestId: `skl-req-${i}`,
      subjectKey: `skl-subject-${i}`,
      at: `2026-03-01T00:00:${String(i).padStart(2, '0')}Z`,
      inputs: row.inputs,
      output: row.label,
      score: row.score,
      modelVersionIds: ['skl-mv-1'],
    })),
  };
  expectSuccess(await server.gql(INGEST_BUNDLE, { bundle }, { as: Role.ADMIN }));
}, 1_200_000);

afterAll(async () => {
  await server?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('replay of a scikit-learn model converted by skl2onnx', () => {
  it('gives scikit-learn’s own label and probability for every recorded prediction', async () => {
    for (let i = 0; i < expected.rows.length; i++) {
      const res = await server.gql<{ replay: { verdict: string; models: Array<{ replayedOutput: string; replayedScore: number; scoreDifference: number }> } }>(
        'query($id: ID!) { replay(predictionId: $id) { verdict models { replayedOutput replayedScore scoreDifference } } }',
        { id: ids(i) },
        { as: Role.INVESTIGATOR },
      );
      expect(res.body.errors).toBeUndefined();
      const { verdict, models } = res.body.data!.replay;
      expect(verdict).toBe('REPRODUCED');
      expect(models[0]!.replayedOutput).toBe(expected.rows[i]!.label);
      // float32 in ONNX against float64 in scikit-learn: equal to about 1e-7.
      expect(Math.abs(models[0]!.scoreDifference)).toBeLessThan(1e-6);
    }
  });
});
