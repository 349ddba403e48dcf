/**
 * SDK overhead on a scoring loop: each prediction takes 1 ms of CPU-bound model work, then the
 * loop awaits its next input. Rounds with and without `client.recordPrediction(...)`
 * alternate, so drift on a shared machine hits both alike; the figure is the ratio of the
 * median round times. The SDK delivers to the real server and Neo4j meanwhile (spool writes,
 * fsync, HTTP batches all run in the same process as the loop), so their cost is included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LineageClient } from '@ion-lineage/sdk';
import { generateScenario } from '../seed/src/scenario';
import type { PredictionInput } from '@ion-lineage/contract';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { startServerProcess } from './server-process';
import { summarize } from './stats';

export interface SdkOverheadOptions {
  /** Predictions per round. Short rounds, alternating, keep a shared machine's drift out of the ratio. */
  perRound: number;
  /** Rounds of each kind. */
  rounds: number;
  /** Model work per prediction, in ms (default 1). */
  scoreMs: number;
  seed: number;
}

let sink = 0;

/** CPU-bound model work: a fixed number of integer steps (no yielding, nothing to optimize away). */
function spin(steps: number): void {
  let x = sink;
  for (let i = 0; i < steps; i++) x = (Math.imul(x, 31) + i) | 0;
  sink = x;
}

/**
 * Steps that take `ms` on an uncontended core: the fastest of many timed trials. On a shared
 * machine a wall-clock busy-wait would stay 1 ms while the SDK's work stretches with the
 * contention; fixed work stretches alike, so the ratio measures what the SDK costs.
 */
function calibrate(ms: number): number {
  const trial = 200_000;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    spin(trial);
    best = Math.min(best, performance.now() - started);
  }
  return Math.round((trial * ms) / best);
}

const nextInput = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Round {
  wallMs: number;
  cpuMs: number;
}

async function scoringRound(predictions: readonly PredictionInput[], steps: number, client?: LineageClient, callTimes?: number[]): Promise<Round> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (const prediction of predictions) {
    await nextInput();
    spin(steps);
    if (client) {
      const before = performance.now();
      void client.recordPrediction(prediction);
      callTimes?.push(performance.now() - before);
    }
  }
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Runs the benchmark on a fresh local Neo4j and server; returns the JSON records it printed. */
export async function benchSdkOverhead(options: SdkOverheadOptions, emit: (record: Record<string, unknown>) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-sdk-'));
  const spoolDir = path.join(dataDir, 'spool');
  const neo4j = await startLocalNeo4j({ dataDir: path.join(dataDir, 'neo4j'), port: 0, pageCache: '512m' });
  const server = await startServerProcess(neo4j.uri);
  try {
    const scenario = generateScenario({ seed: options.seed, predictions: Math.ceil((options.perRound * options.rounds) / 2) });
    const predictions = [...scenario.predictionBatches()].flatMap((batch) => batch.predictions ?? []);
    const seen = new Set<string>();
    const client = await LineageClient.open({
      url: server.url,
      token: server.token,
      spoolDir,
      // A stuck delivery would stall the figures silently; say why once per kind of failure.
      onRetry: (error) => {
        if (!seen.has(error.code)) process.stderr.write(`sdk-overhead: delivery retried: ${error.code} ${error.message}\n`);
        seen.add(error.code);
      },
    });
    await client.ingest(scenario.base);

    const steps = calibrate(options.scoreMs);
    const baseline: Round[] = [];
    const withSdk: Round[] = [];
    const callTimes: number[] = [];
    // Warm-up of both paths (JIT, first requests), not measured.
    await scoringRound(predictions.slice(0, 200), steps);
    await scoringRound(predictions.slice(0, 200), steps, client);
    for (let round = 0; round < options.rounds; round++) {
      const slice = predictions.slice(round * options.perRound, (round + 1) * options.perRound);
      baseline.push(await scoringRound(slice, steps));
      withSdk.push(await scoringRound(slice, steps, client, callTimes));
    }
    const deliveryStarted = performance.now();
    const { remaining } = await client.close({ timeoutMs: 300_000 });
    const stats = client.stats();
    const calls = summarize(callTimes.map((ms) => ms * 1000));
    const baselineMs = median(baseline.map((round) => round.wallMs));
    const sdkMs = median(withSdk.map((round) => round.wallMs));
    const cpuRatio = median(withSdk.map((round) => round.cpuMs)) / median(baseline.map((round) => round.cpuMs));
    // Each SDK round against the baseline round just before it: the two share the machine's state.
    const pairRatio = median(withSdk.map((round, i) => round.wallMs / baseline[i]!.wallMs));
    emit({
      bench: 'sdk-overhead',
      predictionsPerRound: options.perRound,
      rounds: options.rounds,
      scoreMs: options.scoreMs,
      scoreSteps: steps,
      baselineMedianMs: Math.round(baselineMs),
      sdkMedianMs: Math.round(sdkMs),
      ratio: Math.round((sdkMs / baselineMs) * 10_000) / 10_000,
      overheadPercent: Math.round((sdkMs / baselineMs - 1) * 10_000) / 100,
      pairedRatio: Math.round(pairRatio * 10_000) / 10_000,
      cpuRatio: Math.round(cpuRatio * 10_000) / 10_000,
      recordCallUs: { p50: calls.p50, p95: calls.p95, p99: calls.p99 },
      delivered: stats.created + stats.unchanged,
      requests: stats.requests,
      drainAfterLoopMs: Math.round(performance.now() - deliveryStarted),
      remaining,
      what: 'scoring loop, 1 ms of CPU work per prediction (calibrated), with vs without client.recordPrediction (durable spool with fsync, delivery to the real server); ratio of median wall time per round, pairedRatio the median of each SDK round over the baseline round before it, cpuRatio of median process CPU time',
    });
  } finally {
    await server.stop();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
