/**
 * The demo scenario loaded through the real ingest service with its model artifacts uploaded to
 * a fresh local artifact store (a temporary folder), behind the real HTTP app.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalArtifactStore } from '../../server/src/artifacts/artifact-store';
import { loadScenario } from '../../seed/src/load';
import { generateScenario } from '../../seed/src/scenario';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { startTestServer, type TestServer } from './server';

export interface ReplayDemo {
  server: TestServer;
  scenario: DemoScenario;
  store: LocalArtifactStore;
  close(): Promise<void>;
}

/** `webDist`: the built UI to serve (browser tests). */
export async function startReplayDemo(options: { seed: number; predictions: number; webDist?: string }): Promise<ReplayDemo> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ion-replay-'));
  const store = new LocalArtifactStore(dir);
  const server = await startTestServer({ wipe: true, artifacts: store, webDist: options.webDist });
  const scenario = generateScenario({ seed: options.seed, predictions: options.predictions });
  await loadScenario(server.graph.services.ingest, scenario, { artifacts: store });
  return {
    server,
    scenario,
    store,
    close: async () => {
      await server.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
