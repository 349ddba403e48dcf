/**
 * `npm run bench:replay -- [--rows 100000] [--samples 50] [--seed 42]`
 *
 * Replay's model side, without the database: the demo's artifacts in a local artifact store
 * (a temporary folder), the replay engine and onnxruntime as the server runs them.
 *  - cold: a 3-member ensemble with an empty session cache (3 artifact reads, digest checks,
 *    protobuf parses and session loads, then one run each);
 *  - warm: the same ensemble with its sessions cached;
 *  - batch: `--rows` recorded inputs through the same ensemble in pages of 500, as a replay job
 *    does (each version runs once per page), in predictions per second.
 * Prints one JSON line per figure. The graph side of a job (reading pages, recording outcomes)
 * is not included: see `replayJob` in the README.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalArtifactStore } from '../server/src/artifacts/artifact-store';
import { ModelCache } from '../server/src/replay/model-cache';
import { ReplayEngine, type VersionSpec } from '../server/src/replay/replay.engine';
import type { InputRow } from '../server/src/replay/onnx-model';
import { uploadArtifacts } from '../seed/src/artifact-upload';
import { generateScenario } from '../seed/src/scenario';
import { summarize } from './stats';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '100000' }, samples: { type: 'string', default: '50' }, seed: { type: 'string', default: '42' } },
});
const rows = Number(values.rows);
const samples = Number(values.samples);
const scenario = generateScenario({ seed: Number(values.seed), predictions: 2_000 });
const versions = new Map(scenario.base.modelVersions.map((v) => [v.id, v]));
const spec = (id: string): VersionSpec => {
  const mv = versions.get(id)!;
  return {
    id,
    format: mv.format ?? null,
    digest: mv.digest ?? null,
    hyperparameters: (mv.hyperparameters ?? null) as Record<string, unknown> | null,
    inputSchema: (mv.inputSchema ?? null) as Record<string, unknown> | null,
    members: (mv.members ?? []).map((m) => ({ ...spec(m.modelVersionId), weight: m.weight ?? null })),
  };
};

const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ion-bench-replay-'));
try {
  await uploadArtifacts(new LocalArtifactStore(dir), scenario.artifacts);
  const cache = new ModelCache(new LocalArtifactStore(dir));
  const engine = new ReplayEngine(cache);
  const ensemble = spec('mv-ct-ensemble-v4');
  const inputs: InputRow[] = [];
  for (const batch of scenario.predictionBatches()) for (const p of batch.predictions ?? []) if (!p.id.endsWith('-ctl')) inputs.push(p.inputs as InputRow);
  const one = [inputs[0]!];

  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  };
  await engine.evaluate(ensemble, one);
  const cold: number[] = [];
  for (let i = 0; i < Math.min(samples, 20); i++) {
    cache.clear();
    cold.push(await time(() => engine.evaluate(ensemble, one)));
  }
  console.log(JSON.stringify({ figure: 'replay-ensemble-cold', members: ensemble.members.length, ...summarize(cold) }));
  const warm: number[] = [];
  for (let i = 0; i < samples * 10; i++) warm.push(await time(() => engine.evaluate(ensemble, [inputs[i % inputs.length]!])));
  console.log(JSON.stringify({ figure: 'replay-ensemble-warm', members: ensemble.members.length, ...summarize(warm) }));

  const page = 500;
  const started = performance.now();
  for (let done = 0; done < rows; done += page) {
    const n = Math.min(page, rows - done);
    const batch = Array.from({ length: n }, (_, i) => inputs[(done + i) % inputs.length]!);
    const evaluation = await engine.evaluate(ensemble, batch);
    if (!evaluation.ok) throw new Error(evaluation.detail);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      figure: 'replay-batch-engine',
      rows,
      pageSize: page,
      seconds: Number(seconds.toFixed(2)),
      predictionsPerSecond: Math.round(rows / seconds),
    }),
  );
} finally {
  await fs.rm(dir, { recursive: true, force: true });
}
