/**
 * `kill -9` of a pipeline process that records through the SDK, in the middle of its work,
 * and a restart: the new process recovers the spool (records durable but unconfirmed, a torn
 * last write dropped), resumes its input from its checkpoint, and the graph ends with exactly
 * the scenario's predictions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScenario } from '../../seed/src/scenario';
import { REPO_ROOT } from '../../server/src/config';
import { compareIds, FAULT_SEGMENT_BYTES, spoolSegments, startRig, storedIds, until, type FaultRig } from './harness';

/** Primary predictions; each also gets a control prediction (10,000 in all, many spool segments). */
const REQUESTS = Number(process.env.FAULT_REQUESTS ?? 5_000);
const SEED = 47;

interface Progress {
  recorded: number;
  baseItems: number;
  created: number;
  spooled: number;
  done?: boolean;
  remaining?: number;
}

/**
 * Runs test/fault/pipeline.ts; `last` is its latest progress line. `paceMs` is its pause per 500
 * predictions: the first process pauses so that the kill finds it mid-way, the restarted one has
 * nothing left to wait for.
 */
function runPipeline(rig: FaultRig, paceMs: number) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'test/fault/pipeline.ts')], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      LINEAGE_URL: rig.server.url,
      LINEAGE_TOKEN: rig.token,
      SPOOL_DIR: path.join(rig.dir, 'spool'),
      CHECKPOINT: path.join(rig.dir, 'checkpoint'),
      SEED: String(SEED),
      REQUESTS: String(REQUESTS),
      SEGMENT_BYTES: String(FAULT_SEGMENT_BYTES),
      PACE_MS: String(paceMs),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const state: { first?: Progress; last?: Progress; exit?: number | null; signal?: NodeJS.Signals | null } = {};
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    state.last = JSON.parse(line) as Progress;
    state.first ??= state.last;
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      state.exit = code;
      state.signal = signal;
      resolve();
    }),
  );
  return { child, state, exited };
}

describe('kill -9 of a pipeline process using the SDK', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await startRig('pipeline-kill');
  });
  afterAll(async () => rig?.close());

  it('ends with exactly the sent predictions after a restart: none lost, none doubled', { timeout: 600_000 }, async () => {
    const scenario = generateScenario({ seed: SEED, predictions: REQUESTS });
    const total = scenario.truth.counts.predictions;

    const first = runPipeline(rig, 400);
    // Mid-way: records waiting in the spool and input not yet scored; preferably some
    // predictions confirmed already (a slow shared machine may not get that far by 60%).
    await until(
      () => {
        const last = first.state.last;
        if (first.state.exit !== undefined) throw new Error(`pipeline ended early (${first.state.exit})`);
        return last !== undefined && last.spooled > 0 && last.recorded >= total * 0.3 && (last.created > last.baseItems || last.recorded >= total * 0.6);
      },
      480_000,
      'the pipeline to be mid-way',
    );
    first.child.kill('SIGKILL');
    await first.exited;
    expect(first.state.signal).toBe('SIGKILL');
    const killedAt = first.state.last!;
    expect(killedAt.recorded).toBeLessThan(total);
    // The dead process's lock is still there; the next one takes it over, and recovers a spool of several segments.
    expect(fs.existsSync(path.join(rig.dir, 'spool', 'lock'))).toBe(true);
    expect(spoolSegments(path.join(rig.dir, 'spool'))).toBeGreaterThan(1);

    const second = runPipeline(rig, 0);
    await second.exited;
    console.error(`[pipeline-kill] killed at ${JSON.stringify(killedAt)}; restarted with ${JSON.stringify(second.state.first)}`);
    expect(second.state.exit).toBe(0);
    expect(second.state.last).toMatchObject({ done: true, remaining: 0, recorded: total });

    const sent = new Set([...scenario.predictionBatches()].flatMap((batch) => (batch.predictions ?? []).map((prediction) => prediction.id)));
    expect(sent.size).toBe(total);
    const stored = await storedIds(rig.driver, 'pred-');
    expect(compareIds(sent, stored)).toEqual({ missing: [], unexpected: [], doubled: 0 });
    expect(stored.length).toBe(total);
    expect(fs.existsSync(path.join(rig.dir, 'spool', 'dead-letter.ndjson'))).toBe(false);
  });
});
