/**
 * Verification of the audit chain, shared by `verifyAuditLog` and the offline `verify-audit`
 * CLI: walks every entry in order and names the first break (content, link, downgrade to the
 * unkeyed scheme, AuditAccess rows that do not match the entry's targets, a checkpoint whose
 * hash differs, a chain shorter than the last checkpoint, a head that does not name the end).
 */
import type { QueryRunner } from '../store/executor';
import { approvalChange, approvalRows } from './approval-entries';
import { type ChainAlg, type ChainBreak, type ChainEntry, checkEntry, checkLink, entryFromStore, KEYED_ALG } from './chain';
import type { CheckpointRead } from './checkpoint';

/** The default chain's head (and its id): entries without a `chain` belong to it. */
export const HEAD_ID = 'audit';
/** Targets kept per entry: a 10,000-prediction batch is one entry with counts and a sample of ids. */
export const MAX_TARGETS = 50;
const VERIFY_PAGE = 1000;
/** Chains (instances) a verification reads heads of; an instance that restarts under its own id reuses its chain. */
const MAX_CHAINS = 10_000;

/** The outcome of `verifyChain`. */
export interface ChainVerification {
  ok: boolean;
  /** Entries checked. */
  checked: number;
  headSeq: number;
  /** Signed checkpoints the chain was checked against. */
  checkpoints: number;
  broken?: { seq: number; id: string; reason: ChainBreak; message: string };
}

type Broken = NonNullable<ChainVerification['broken']>;

/** The seal's details: the legacy (unkeyed) entries it closes, 1..legacyThrough. */
export function legacyThroughOf(seal: ChainEntry | undefined): number | undefined {
  if (!seal || seal.kind !== 'seal' || !seal.details) return undefined;
  const value = (JSON.parse(seal.details) as { legacyThrough?: unknown }).legacyThrough;
  return typeof value === 'number' ? value : undefined;
}

function indexMismatch(entry: ChainEntry, rows: string[] | undefined): string | undefined {
  const expected = [...new Set(entry.targetIds)].sort();
  const found = [...(rows ?? [])].sort();
  if (expected.length === found.length && expected.every((id, i) => id === found[i])) return undefined;
  const missing = expected.filter((id) => !found.includes(id));
  const extra = found.filter((id) => !expected.includes(id));
  return `the AuditAccess rows of entry ${entry.seq} do not match its targetIds: ${missing.length ? `missing [${missing.join(', ')}]` : ''}${missing.length && extra.length ? ', ' : ''}${extra.length ? `not in the entry [${extra.join(', ')}]` : ''}`;
}

/** Walks every chain from the start, in pages of the global seq order, under `key`, against `checkpoints`; names the first break. */
export async function verifyChain(runner: QueryRunner, key: Buffer, checkpoints: CheckpointRead = { checkpoints: [] }): Promise<ChainVerification> {
  const heads = new Map<string, { seq: number; hash: string | null }>();
  for (const row of await runner.run<{ id: string; seq: number; hash: string | null }>('audit/heads', { limit: MAX_CHAINS })) {
    heads.set(row.id, { seq: Number(row.seq), hash: row.hash ?? null });
  }
  const head = heads.get(HEAD_ID) ?? { seq: 0, hash: null };
  const result = (checked: number, broken?: Broken): ChainVerification => ({
    ok: !broken,
    checked,
    headSeq: head.seq,
    checkpoints: checkpoints.checkpoints.length,
    ...(broken ? { broken } : {}),
  });
  if (checkpoints.invalid) return result(0, { seq: 0, id: '', reason: 'CHECKPOINT_INVALID', message: checkpoints.invalid.message });
  const signed = new Map<string, string[]>();
  for (const checkpoint of checkpoints.checkpoints) {
    const at = signedKey(checkpoint.chain ?? HEAD_ID, checkpoint.seq);
    signed.set(at, [...(signed.get(at) ?? []), checkpoint.hash]);
  }

  // Each chain is checked against its own entry before; the chains interleave in seq order.
  const previousOf = new Map<string, { seq: number; hash: string | null; alg?: ChainAlg }>();
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await runner.run<{ entry: Record<string, unknown> }>('audit/entries-page', { after: lastSeq, limit: VERIFY_PAGE });
    if (rows.length === 0) break;
    const entries = rows.map((row) => entryFromStore(row.entry));
    const last = entries.at(-1)!.seq;
    const accessRows = new Map<number, string[]>();
    for (const row of await runner.run<{ seq: number; targetId: string }>('audit/access-rows', {
      after: lastSeq,
      upTo: last,
      limit: VERIFY_PAGE * MAX_TARGETS + 1,
    })) {
      accessRows.set(Number(row.seq), [...(accessRows.get(Number(row.seq)) ?? []), String(row.targetId)]);
    }
    const approvalIds = entries.flatMap((entry) => (entry.kind === 'approval' && entry.approvalId ? [entry.approvalId] : []));
    const current = new Map((await approvalRows(runner, approvalIds)).map((row) => [row.id, row]));
    for (const entry of entries) {
      const chain = entry.chain ?? HEAD_ID;
      const previous = previousOf.get(chain) ?? { seq: 0, hash: null };
      const broken =
        checkLink(entry, previous, key) ??
        (entry.chain == null ? sealRule(entry, previous, key) : undefined) ??
        approvalChange(entry, current) ??
        checkpointRule(entry, signed);
      const index = broken ? undefined : indexMismatch(entry, accessRows.get(entry.seq));
      if (broken || index) return result(checked, { seq: entry.seq, id: entry.id, ...(broken ?? { reason: 'ACCESS_INDEX_MISMATCH', message: index! }) });
      previousOf.set(chain, entry);
      lastSeq = entry.seq;
      checked++;
    }
  }
  const defaultChain = previousOf.get(HEAD_ID);
  if (defaultChain && defaultChain.alg !== KEYED_ALG) {
    return result(checked, {
      seq: defaultChain.seq,
      id: '',
      reason: 'DOWNGRADED',
      message: `the chain ends in unkeyed entries no keyed seal closes (the service seals older entries at start): rewritten without the audit chain key, or not yet sealed`,
    });
  }
  const orphan = (await runner.run<{ seq: number; targetId: string }>('audit/access-rows', { after: lastSeq, upTo: Number.MAX_SAFE_INTEGER, limit: 1 }))[0];
  if (orphan) {
    return result(checked, {
      seq: Number(orphan.seq),
      id: '',
      reason: 'ACCESS_INDEX_MISMATCH',
      message: `an AuditAccess row names seq ${orphan.seq} (target ${orphan.targetId}) beyond the chain's last entry ${lastSeq}`,
    });
  }
  const chains = new Set([...heads.keys(), ...previousOf.keys(), ...checkpoints.checkpoints.map((c) => c.chain ?? HEAD_ID)]);
  for (const chain of [...chains].sort()) {
    const end = previousOf.get(chain) ?? { seq: 0, hash: null };
    const named = chain === HEAD_ID ? '' : `chain ${chain}: `;
    const lastSigned = Math.max(0, ...checkpoints.checkpoints.filter((c) => (c.chain ?? HEAD_ID) === chain).map((c) => c.seq));
    if (lastSigned > end.seq) {
      return result(checked, {
        seq: end.seq + 1,
        id: '',
        reason: 'TRUNCATED',
        message: `${named}a signed checkpoint names seq ${lastSigned} but the chain ends at seq ${end.seq}: entries ${end.seq + 1}..${lastSigned} were removed`,
      });
    }
    const chainHead = heads.get(chain) ?? { seq: 0, hash: null };
    if (end.seq !== chainHead.seq || end.hash !== chainHead.hash) {
      return result(checked, {
        seq: end.seq,
        id: '',
        reason: 'HEAD_MISMATCH',
        message: `${named}the head names seq ${chainHead.seq} (${chainHead.hash ?? 'null'}) but the chain ends at seq ${end.seq} (${end.hash ?? 'null'}): entries were removed at the end`,
      });
    }
  }
  return result(checked);
}

const signedKey = (chain: string, seq: number) => `${chain}|${seq}`;

/** Unkeyed (legacy) entries are accepted only as a prefix closed by a keyed seal naming its end. */
function sealRule(entry: ChainEntry, previous: { seq: number; alg?: ChainAlg }, key: Buffer): { reason: ChainBreak; message: string } | undefined {
  if (entry.alg !== KEYED_ALG || previous.seq === 0 || previous.alg === KEYED_ALG) return undefined;
  if (checkEntry(entry, key) === undefined && legacyThroughOf(entry) === previous.seq) return undefined;
  return { reason: 'DOWNGRADED', message: `unkeyed entries 1..${previous.seq} are not closed by a keyed seal: rewritten without the audit chain key` };
}

function checkpointRule(entry: ChainEntry, signed: Map<string, string[]>): { reason: ChainBreak; message: string } | undefined {
  const hashes = signed.get(signedKey(entry.chain ?? HEAD_ID, entry.seq));
  const other = hashes?.find((hash) => hash !== entry.hash);
  return other
    ? {
        reason: 'CHECKPOINT_MISMATCH',
        message: `a signed checkpoint names hash ${other} for seq ${entry.seq}, but the entry's hash is ${entry.hash}: the entry (or one before it) was rewritten`,
      }
    : undefined;
}
