/**
 * `npm run bench:replay-job -- [--requests 50000]`
 *
 * A batch replay job through the graph, as `startReplayJob` runs it: the demo loaded with its
 * ONNX artifacts into a fresh local Neo4j, then one job over the whole serving window (primary
 * and control predictions: pages read from Neo4j, every version run by onnxruntime, outcomes
 * recorded on each prediction). Prints one JSON line: predictions replayed per second, and the
 * counts by verdict (the planted faults among them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LocalArtifactStore } from '../server/src/artifacts/artifact-store';
import { applyGraphSchema, openGraph } from '../server/src/graph';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { loadScenario } from '../seed/src/load';
import { generateScenario } from '../seed/src/scenario';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '50000' } } });
const requests = Number(values.requests);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-lineage-bench-replay-job-'));
const neo4j = await startLocalNeo4j({ dataDir: path.join(dir, 'neo4j'), port: 0, pageCache: '512m' });
const graph = openGraph({ uri: neo4j.uri, user: 'neo4j', password: 'local' }, undefined, {
  auditCheckpointFile: null,
  artifacts: new LocalArtifactStore(path.join(dir, 'artifacts')),
});
try {
  await applyGraphSchema(graph);
  const scenario = generateScenario({ seed: 42, predictions: requests });
  const loaded = await loadScenario(graph.services.ingest, scenario, { artifacts: graph.services.artifacts });
  console.error(`loaded ${loaded.predictions} predictions in ${loaded.seconds.toFixed(1)} s`);
  const { from, to } = scenario.truth.servingWindow;
  const started = performance.now();
  const job = await graph.services.replayJobs.start({ from, to: new Date(Date.parse(to) + 1).toISOString() }, { name: 'bench', cleared: true });
  await graph.services.replayJobs.settled(job.id);
  const seconds = (performance.now() - started) / 1000;
  const done = (await graph.services.replayJobs.get(job.id))!;
  console.log(
    JSON.stringify({
      figure: 'replay-job',
      predictions: done.done,
      seconds: Number(seconds.toFixed(1)),
      predictionsPerSecond: Math.round(done.done / seconds),
      status: done.status,
      reproduced: done.reproduced,
      differs: done.differs,
      notReplayable: done.notReplayable,
    }),
  );
} finally {
  await graph.close();
  await neo4j.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
