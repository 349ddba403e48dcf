import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SpoolLockedError } from './errors.js';
import { Spool } from './spool.js';
import { encodeBundle, encodeItem } from './spool-format.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-spool-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const limits = { maxItems: 1000, maxBytes: 1 << 20, maxPartItems: 10_000 };
const event = (i: number) => ({ id: `ev-${i}`, runId: 'run-1', type: 'INFO' as const, at: '2026-03-01T00:00:00Z', message: `m${i}` });

async function readAll(spool: Spool): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const batch = await spool.read(limits);
    if (!batch) return ids;
    for (const entry of batch.entries) if (entry.record?.kind === 'item') ids.push((JSON.parse(entry.record.json) as { id: string }).id);
    await spool.ack(batch);
  }
}

describe('Spool', () => {
  it('reads appended records in order and forgets them once acknowledged', async () => {
    const dir = tempDir();
    const spool = await Spool.open({ dir, segmentBytes: 1 << 20, fsync: true, commitIntervalMs: 0 });
    await Promise.all([0, 1, 2].map((i) => spool.append(encodeItem('events', event(i)), 1)));
    expect(spool.depthItems).toBe(3);
    expect(await readAll(spool)).toEqual(['ev-0', 'ev-1', 'ev-2']);
    expect(spool.depthItems).toBe(0);
    expect(await spool.read(limits)).toBeUndefined();
    await spool.close();
  });

  it('keeps unacknowledged records across a reopen, and drops a torn last line', async () => {
    const dir = tempDir();
    const first = await Spool.open({ dir, segmentBytes: 1 << 20, fsync: true, commitIntervalMs: 0 });
    for (let i = 0; i < 5; i++) await first.append(encodeItem('events', event(i)), 1);
    const batch = (await first.read({ ...limits, maxItems: 2 }))!;
    await first.ack(batch);
    await first.close();
    // A killed writer leaves half a line behind.
    const segment = fs.readdirSync(dir).find((name) => name.startsWith('segment-'))!;
    fs.appendFileSync(path.join(dir, segment), 'events\t{"id":"ev-torn"');

    const second = await Spool.open({ dir, segmentBytes: 1 << 20, fsync: true, commitIntervalMs: 0 });
    expect(second.depthItems).toBe(3);
    expect(second.depthRecords).toBe(3);
    expect(await readAll(second)).toEqual(['ev-2', 'ev-3', 'ev-4']);
    await second.close();
  });

  it('rolls over to new segments and deletes the ones fully acknowledged', async () => {
    const dir = tempDir();
    const spool = await Spool.open({ dir, segmentBytes: 300, fsync: false, commitIntervalMs: 0 });
    for (let i = 0; i < 40; i++) await spool.append(encodeItem('events', event(i)), 1);
    const segments = () => fs.readdirSync(dir).filter((name) => name.startsWith('segment-')).length;
    expect(segments()).toBeGreaterThan(5);
    const ids = await readAll(spool);
    expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => `ev-${i}`));
    expect(segments()).toBe(1);
    await spool.close();
  });

  it('counts the items of a bundle and respects the per-part limit of a batch', async () => {
    const dir = tempDir();
    const spool = await Spool.open({ dir, segmentBytes: 1 << 20, fsync: false, commitIntervalMs: 0 });
    await spool.append(encodeBundle({ events: [event(1), event(2)], principals: [{ id: 'p', name: 'P', kind: 'HUMAN' }] }), 3);
    await spool.append(encodeItem('events', event(3)), 1);
    const batch = (await spool.read({ ...limits, maxPartItems: 2 }))!;
    expect(batch.entries).toHaveLength(1);
    expect(batch.items).toBe(3);
    const record = batch.entries[0]!.record!;
    expect(record.kind === 'bundle' && [...record.parts.keys()]).toEqual(['events', 'principals']);
    await spool.close();
  });

  it("lets one live process at a time use a directory, and takes over a dead owner's lock", async () => {
    const dir = tempDir();
    const spool = await Spool.open({ dir, segmentBytes: 1 << 20, fsync: false, commitIntervalMs: 0 });
    fs.writeFileSync(path.join(dir, 'other'), '');
    await spool.close();
    fs.writeFileSync(path.join(dir, 'lock'), String(process.ppid));
    await expect(Spool.open({ dir, segmentBytes: 1 << 20, fsync: false, commitIntervalMs: 0 })).rejects.toBeInstanceOf(SpoolLockedError);
    // A pid that cannot be alive (beyond pid_max) is a crashed owner.
    fs.writeFileSync(path.join(dir, 'lock'), '2147483646');
    const again = await Spool.open({ dir, segmentBytes: 1 << 20, fsync: false, commitIntervalMs: 0 });
    await again.close();
  });
});
