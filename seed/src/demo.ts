import type { Graph } from '../../server/src/graph';
import { loadScenario } from './load';
import { generateScenario } from './scenario';

/** The demo's fixed seed, so every fresh install shows the same patients and models. */
export const DEMO_SEED = 42;

/**
 * Loads the demo scenario (the paper's Figure 1(e) medical ION) when the graph holds no runs,
 * through the same ingest service as the API. A partly loaded graph is completed on the next
 * start: replays of stored items are harmless.
 */
export async function seedDemoIfEmpty(graph: Graph, predictions: number, say: (message: string) => void): Promise<void> {
  const rows = await graph.services.executor.run<{ counts: Record<string, number> }>('meta/count-nodes');
  const counts = rows[0]?.counts ?? {};
  if ((counts.Run ?? 0) > 0) return;
  say(`Empty graph: loading the demo scenario (${predictions.toLocaleString('en')} predictions)...`);
  let lastShown = 0;
  const scenario = generateScenario({ seed: DEMO_SEED, predictions });
  const result = await loadScenario(graph.services.ingest, scenario, {
    artifacts: graph.services.artifacts,
    baselines: graph.services.drift,
    onProgress: (done, total) => {
      if (done - lastShown >= 100_000 || done === total) {
        lastShown = done;
        say(`  ${done.toLocaleString('en')} / ${total.toLocaleString('en')} predictions`);
      }
    },
  });
  say(
    `Demo loaded: ${result.predictions.toLocaleString('en')} predictions in ${result.seconds.toFixed(1)} s (${Math.round(result.predictionsPerSecond).toLocaleString('en')}/s).`,
  );
  // The monitor's policy and a first evaluation, so the monitoring page shows the planted drift.
  const started = performance.now();
  await graph.services.drift.setPolicy({ ionId: scenario.truth.drift.ionId });
  const drift = await graph.services.drift.evaluate(scenario.truth.drift.ionId);
  say(`Drift evaluated: ${drift.windows} windows, ${drift.drifted} drifted, in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
