import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointWriter, readCheckpoints, signCheckpoint } from './checkpoint';

const { privateKey } = generateKeyPairSync('ed25519');
const publicKey = createPublicKey(privateKey);
const tempFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'audit-cp-')), 'checkpoints.jsonl');

describe('signed checkpoints of the audit head', () => {
  it('writes at most once per interval (the latest head wins) and everything on flush', async () => {
    const file = tempFile();
    const writer = new CheckpointWriter(file, privateKey, 60_000);
    writer.note({ seq: 1, hash: 'a' });
    writer.note({ seq: 2, hash: 'b' });
    writer.note({ seq: 3, hash: 'c' });
    writer.note({ seq: 2, hash: 'stale' });
    await writer.flush();
    const { checkpoints, invalid } = readCheckpoints(file, publicKey);
    expect(invalid).toBeUndefined();
    expect(checkpoints.map((c) => [c.seq, c.hash])).toEqual([
      [1, 'a'],
      [3, 'c'],
    ]);
  });

  it('names a line that was edited, forged or signed by another key; a missing file has none', () => {
    const file = tempFile();
    expect(readCheckpoints(file, publicKey)).toEqual({ checkpoints: [] });
    const good = signCheckpoint({ seq: 5, hash: 'h5' }, privateKey);
    fs.writeFileSync(file, `${JSON.stringify(good)}\n${JSON.stringify({ ...good, seq: 4 })}\n`);
    expect(readCheckpoints(file, publicKey)).toMatchObject({
      checkpoints: [{ seq: 5 }],
      invalid: { line: 2, message: expect.stringMatching(/signature does not verify/) },
    });
    const other = signCheckpoint({ seq: 6, hash: 'h6' }, generateKeyPairSync('ed25519').privateKey);
    fs.writeFileSync(file, `${JSON.stringify(other)}\n`);
    expect(readCheckpoints(file, publicKey).invalid?.message).toMatch(/not by this public key/);
  });
});
