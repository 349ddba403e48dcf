/**
 * A pipeline process for the kill -9 fault test: it scores the demo scenario's requests and
 * records every prediction through the SDK. Like a consumer committing a queue offset, it
 * saves its input position (the checkpoint) only once the SDK says the records before it are
 * durable; after a crash it resumes there, so a few records may be recorded twice, which the
 * server stores once. One JSON line of progress per checkpoint goes to stdout.
 *
 * Environment: LINEAGE_URL, LINEAGE_TOKEN, SPOOL_DIR, CHECKPOINT (a file), SEED, REQUESTS,
 * PACE_MS (pause per 500 predictions: the scoring work), SEGMENT_BYTES (spool segment size).
 */
import fs from 'node:fs';
import { LineageClient, QueueFullError } from '@ion-lineage/sdk';
import { generateScenario } from '../../seed/src/scenario';
import type { PredictionInput } from '@ion-lineage/contract';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};
const checkpointFile = env('CHECKPOINT');
const pace = Number(process.env.PACE_MS ?? 0);
const scenario = generateScenario({ seed: Number(env('SEED')), predictions: Number(env('REQUESTS')) });
const baseItems = Object.values(scenario.base).reduce((sum, items) => sum + items.length, 0);

const client = new LineageClient({
  url: env('LINEAGE_URL'),
  token: env('LINEAGE_TOKEN'),
  spoolDir: env('SPOOL_DIR'),
  segmentBytes: process.env.SEGMENT_BYTES ? Number(process.env.SEGMENT_BYTES) : undefined,
  retryMaxMs: 2_000,
});
await client.ready();

function readCheckpoint(): number {
  try {
    return Number(fs.readFileSync(checkpointFile, 'utf8'));
  } catch {
    return -1;
  }
}
function saveCheckpoint(position: number): void {
  fs.writeFileSync(`${checkpointFile}.tmp`, String(position));
  fs.renameSync(`${checkpointFile}.tmp`, checkpointFile);
}
function report(recorded: number, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ recorded, baseItems, ...client.stats(), ...extra })}\n`);
}
function record(prediction: PredictionInput): Promise<void> {
  for (;;) {
    try {
      return client.recordPrediction(prediction);
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error;
      // Synchronous retry is pointless; the caller awaits durability every 500 records anyway.
      return client.writable().then(() => record(prediction));
    }
  }
}

let position = readCheckpoint();
report(Math.max(position, 0), { resumedFrom: position });
if (position < 0) {
  await client.bundle(scenario.base);
  position = 0;
  saveCheckpoint(position);
}
let index = 0;
let durable: Promise<void> = Promise.resolve();
for (const batch of scenario.predictionBatches()) {
  for (const prediction of batch.predictions ?? []) {
    if (index++ < position) continue;
    durable = record(prediction);
    if (index % 500 === 0) {
      await durable;
      saveCheckpoint(index);
      report(index);
      if (pace > 0) await new Promise((resolve) => setTimeout(resolve, pace));
    }
  }
}
await durable;
saveCheckpoint(index);
const { remaining } = await client.close({ timeoutMs: 600_000 });
report(index, { done: true, remaining });
process.exit(remaining === 0 ? 0 : 1);
