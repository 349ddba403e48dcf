/**
 * Signed checkpoints of the audit chain head, appended to a file outside Neo4j. A database
 * writer can rewrite the chain but not this file's signatures: an entry at a checkpointed seq
 * whose hash differs, or a chain shorter than the last checkpoint, is then detected.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { keyIdOf } from '../export/export.signing';
import { canonicalJson } from './chain';

export const CHECKPOINT_FORMAT = 'ion-lineage-audit-checkpoint/1';

/** One line of the checkpoint file. */
export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT;
  seq: number;
  hash: string;
  /** The instance chain whose head this is; absent for the default chain. Signed when present. */
  chain?: string;
  /** When the checkpoint was written (ISO-8601). */
  at: string;
  keyId: string;
  /** Ed25519 over the canonical JSON of every other member, base64. */
  signature: string;
}

const signedBytes = (checkpoint: Omit<Checkpoint, 'signature'>) =>
  Buffer.from(
    canonicalJson({
      format: checkpoint.format,
      seq: checkpoint.seq,
      hash: checkpoint.hash,
      ...(checkpoint.chain === undefined ? {} : { chain: checkpoint.chain }),
      at: checkpoint.at,
      keyId: checkpoint.keyId,
    }),
    'utf8',
  );

/** A chain head to checkpoint: `chain` names an instance chain (absent: the default chain). */
export interface CheckpointHead {
  seq: number;
  hash: string;
  chain?: string;
}

/** Signs the head `seq`/`hash` (of `chain`, when given) with `privateKey`. */
export function signCheckpoint(head: CheckpointHead, privateKey: KeyObject, at = new Date().toISOString()): Checkpoint {
  const body = {
    format: CHECKPOINT_FORMAT,
    seq: head.seq,
    hash: head.hash,
    ...(head.chain === undefined ? {} : { chain: head.chain }),
    at,
    keyId: keyIdOf(createPublicKey(privateKey)),
  } as const;
  return { ...body, signature: sign(null, signedBytes(body), privateKey).toString('base64') };
}

/** The checkpoints of a file, each verified; the first line that does not verify is named. */
export interface CheckpointRead {
  checkpoints: Checkpoint[];
  invalid?: { line: number; message: string };
}

/** Reads and verifies every checkpoint in `file` (none when it does not exist). */
export function readCheckpoints(file: string, publicKey: KeyObject): CheckpointRead {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [] };
    throw error;
  }
  const keyId = keyIdOf(publicKey);
  const checkpoints: Checkpoint[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const invalid = (message: string): CheckpointRead => ({ checkpoints, invalid: { line: i + 1, message: `${file}:${i + 1}: ${message}` } });
    let parsed: Checkpoint;
    try {
      parsed = JSON.parse(line) as Checkpoint;
    } catch {
      return invalid('not JSON');
    }
    if (
      parsed.format !== CHECKPOINT_FORMAT ||
      !Number.isSafeInteger(parsed.seq) ||
      typeof parsed.hash !== 'string' ||
      typeof parsed.at !== 'string' ||
      (parsed.chain !== undefined && typeof parsed.chain !== 'string')
    )
      return invalid('not a checkpoint');
    if (parsed.keyId !== keyId) return invalid(`signed by key ${String(parsed.keyId)}, not by this public key (${keyId})`);
    let ok = false;
    try {
      ok = verify(null, signedBytes(parsed), publicKey, Buffer.from(String(parsed.signature), 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) return invalid(`signature does not verify (seq ${parsed.seq})`);
    checkpoints.push(parsed);
  }
  return { checkpoints };
}

/** The checkpoints of several files (one per instance), each verified; the first invalid line is named. */
export function readCheckpointFiles(files: readonly string[], publicKey: KeyObject): CheckpointRead {
  const checkpoints: Checkpoint[] = [];
  for (const file of files) {
    const read = readCheckpoints(file, publicKey);
    checkpoints.push(...read.checkpoints);
    if (read.invalid) return { checkpoints, invalid: read.invalid };
  }
  return { checkpoints };
}

/**
 * Appends signed checkpoints of the chain head after commits, at most once per `minIntervalMs`
 * (a later head replaces one still waiting), and on `flush` (shutdown). Writes are serialized.
 */
export class CheckpointWriter {
  private pending: CheckpointHead | undefined;
  private lastSeq = -1;
  private lastWriteAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly privateKey: KeyObject,
    private readonly minIntervalMs = 1000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Notes a committed head; it is written now or at the end of the current interval. */
  note(head: CheckpointHead): void {
    if (head.seq <= this.lastSeq || (this.pending && head.seq <= this.pending.seq)) return;
    this.pending = head;
    if (this.timer) return;
    const wait = this.lastWriteAt + this.minIntervalMs - Date.now();
    if (wait <= 0) this.write();
    else this.timer = setTimeout(() => this.write(), wait).unref();
  }

  /** Writes the waiting head, if any, and resolves once every write is on disk. */
  flush(): Promise<void> {
    this.write();
    return this.writes;
  }

  private write(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const head = this.pending;
    if (!head) return;
    this.pending = undefined;
    this.lastSeq = head.seq;
    this.lastWriteAt = Date.now();
    const line = `${JSON.stringify(signCheckpoint(head, this.privateKey))}\n`;
    this.writes = this.writes.then(async () => {
      try {
        await fs.promises.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
        await fs.promises.appendFile(this.file, line, { mode: 0o600 });
      } catch (error) {
        this.onError(error);
      }
    });
  }
}
