/**
 * The server is killed (SIGKILL: requests in flight are cut, perhaps after their transaction
 * committed) in the middle of an SDK ingest and started again: the SDK retries on the refused
 * connections, resends what was not confirmed, and the graph ends with exactly the sent
 * predictions.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineageClient } from '@ion-lineage/sdk';
import { generateScenario } from '../../seed/src/scenario';
import { baseItems, compareIds, FAULT_SEGMENT_BYTES, recordScenario, startRig, storedIds, until, type FaultRig } from './harness';

/** Primary predictions; each also gets a control prediction (10,000 in all, many spool segments). */
const REQUESTS = Number(process.env.FAULT_REQUESTS ?? 5_000);

describe('server restart during an SDK ingest', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startRig('server-restart');
  });
  afterAll(async () => rig?.close());

  it('ends with exactly the sent predictions: none lost, none doubled', { timeout: 600_000 }, async () => {
    const scenario = generateScenario({ seed: 43, predictions: REQUESTS });
    const total = scenario.truth.counts.predictions;
    const codes = new Set<string>();
    const spoolDir = path.join(rig.dir, 'spool');
    const client = new LineageClient({
      url: rig.server.url,
      token: rig.token,
      spoolDir,
      segmentBytes: FAULT_SEGMENT_BYTES,
      retryMaxMs: 1_000,
      onRetry: (error) => codes.add(error.code),
    });
    const sent = new Set<string>();
    const recording = recordScenario(client, scenario, sent);

    // The base, then a fifth of the predictions, so the kill cuts prediction batches in flight.
    await until(() => client.stats().created >= baseItems(scenario) + total * 0.2, 480_000, '20% of the predictions stored');
    await rig.server.stop('SIGKILL');
    await until(() => codes.has('NETWORK'), 60_000, 'a refused delivery');
    await rig.server.start();
    await recording;

    expect(await client.close({ timeoutMs: 480_000 })).toEqual({ remaining: 0 });
    expect(sent.size).toBe(total);
    const stored = await storedIds(rig.driver, 'pred-');
    expect(compareIds(sent, stored)).toEqual({ missing: [], unexpected: [], doubled: 0 });
    expect(stored.length).toBe(total);
    expect(client.stats().deadLettered).toBe(0);
  });
});
