import { hash } from 'node:crypto';
import type { z } from 'zod';
import { badInput, ErrorCode, type FieldProblem, LineageError } from '../errors';
import type { QueryRunner, Row } from '../store/executor';
import type { QueryName } from '../store/query-names';
import { canonicalJson } from './canonical-json';
import { LIMITS, type IngestBundle, type IngestResult } from '@ion-lineage/contract';

/** Node labels items can be or refer to, with the query that looks ids of that label up. */
export const LOOKUP_QUERY = {
  ION: 'lookup/ion',
  PipelineNode: 'lookup/pipeline-node',
  IONInstance: 'lookup/ion-instance',
  Run: 'lookup/run',
  Stage: 'lookup/stage',
  Dataset: 'lookup/dataset',
  DatasetVersion: 'lookup/dataset-version',
  Feature: 'lookup/feature',
  Model: 'lookup/model',
  ModelVersion: 'lookup/model-version',
  Principal: 'lookup/principal',
  Approval: 'lookup/approval',
  Deployment: 'lookup/deployment',
  Prediction: 'lookup/prediction',
  Event: 'lookup/event',
} as const satisfies Record<string, QueryName>;
export type NodeLabel = keyof typeof LOOKUP_QUERY;

/** A reference from an item to another node, by the field that holds it. */
export interface Ref {
  field: string;
  label: NodeLabel;
  id: string;
}

/**
 * How one kind of item is validated and written. Everything generic (limits, hashing,
 * replay detection, conflicts, reference checks, atomicity) lives in the engine.
 */
export interface EntitySpec<T> {
  part: keyof IngestBundle;
  /** The item's own label; null for items without identity of their own (model loads). */
  label: NodeLabel | null;
  schema: z.ZodType<T>;
  /** The idempotency key (for label-less items, a natural key). */
  key(item: T): string;
  refs(item: T): Ref[];
  /** Nodes a new item creates besides itself, whose ids must not be taken already. */
  newRefs?(item: T): Ref[];
  /** Checks beyond the field schema (e.g. an ION definition against its JSON Schema). */
  check?(item: T): FieldProblem[];
  toRow(item: T, hash: string): Row;
  /** Checks the stored graph once this batch's new items are written (same transaction; throwing undoes it). */
  checkWritten?(tx: QueryRunner, written: ReadonlyArray<Written<T>>): Promise<void>;
  /** Run in order with `{ rows }`; for label-less items the last returns `created`. */
  writeQueries: QueryName[];
  /**
   * Run after the writes, in the same transaction, with the same `{ rows }` (new items only):
   * they put the webhook deliveries an item causes in the outbox, so a delivery exists exactly
   * when its cause was committed.
   */
  outboxQueries?: QueryName[];
}

/** SHA-256 of the item's RFC 8785 canonical JSON: equal content, equal hash, whatever the key order. */
export function contentHash(item: unknown): string {
  // The one-shot digest: no Hash object per item, which shows in a back-fill of millions.
  return hash('sha256', canonicalJson(item) ?? '', 'hex');
}

/** Renders a zod issue path as `predictions[3].modelVersionIds[0]`. */
export function fieldPath(part: string, index: number, path: ReadonlyArray<PropertyKey>): string {
  let out = `${part}[${index}]`;
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
  return out;
}

/** A new item of a batch, with its index in the batch (for error paths). */
export interface Written<T> {
  index: number;
  item: T;
}

interface Candidate<T> {
  index: number;
  item: T;
  key: string;
  hash: string;
}

function validate<T>(spec: EntitySpec<T>, rawItems: readonly unknown[]): Candidate<T>[] {
  if (rawItems.length > LIMITS.batchItems) {
    throw badInput([{ path: spec.part, message: `holds ${rawItems.length} items; at most ${LIMITS.batchItems} per batch` }]);
  }
  const problems: FieldProblem[] = [];
  const candidates: Candidate<T>[] = [];
  rawItems.forEach((raw, index) => {
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ path: fieldPath(spec.part, index, issue.path), message: issue.message });
      return;
    }
    const extra = spec.check?.(parsed.data) ?? [];
    for (const problem of extra) problems.push({ path: `${spec.part}[${index}].${problem.path}`, message: problem.message });
    candidates.push({ index, item: parsed.data, key: spec.key(parsed.data), hash: contentHash(parsed.data) });
  });
  if (problems.length) throw badInput(problems);
  return candidates;
}

function conflict(part: string, index: number, key: string, where: string): LineageError {
  return new LineageError(ErrorCode.CONFLICT, `${part}[${index}].id: '${key}' ${where} with different content; ids are immutable, use a new id`, [
    { path: `${part}[${index}].id`, message: `conflicts with the stored item '${key}'` },
  ]);
}

async function lookup(tx: QueryRunner, label: NodeLabel, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.run<{ id: string; hash: string | null }>(LOOKUP_QUERY[label], { ids });
  return new Map(rows.map((row) => [row.id, row.hash]));
}

/**
 * `CHECKED` looks every id up first (replays are skipped, conflicts named). `OPTIMISTIC` skips
 * that lookup and lets the uniqueness constraint catch a stored id: the caller then runs the
 * transaction again CHECKED. New data, by far the common case, saves one index seek per item.
 */
export type IngestMode = 'CHECKED' | 'OPTIMISTIC';

/**
 * Writes one part of a delivery inside the caller's transaction. Items already stored with the
 * same content are skipped (replays are harmless); the same id with other content, or a
 * reference to a node that does not exist, fails the whole transaction with the item's path.
 */
export async function ingestPart<T>(
  tx: QueryRunner,
  spec: EntitySpec<T>,
  rawItems: readonly unknown[],
  mode: IngestMode = 'CHECKED',
  onWritten?: (items: T[]) => Promise<void>,
): Promise<IngestResult> {
  const candidates = validate(spec, rawItems);

  // Duplicates inside one batch: identical ones collapse, different ones conflict.
  const firstByKey = new Map<string, Candidate<T>>();
  for (const candidate of candidates) {
    const first = firstByKey.get(candidate.key);
    if (!first) firstByKey.set(candidate.key, candidate);
    else if (first.hash !== candidate.hash) throw conflict(spec.part, candidate.index, candidate.key, `appears earlier in this batch (index ${first.index})`);
  }
  let fresh = [...firstByKey.values()];

  if (spec.label && mode === 'CHECKED') {
    const stored = await lookup(
      tx,
      spec.label,
      fresh.map((c) => c.key),
    );
    for (const candidate of fresh) {
      const hash = stored.get(candidate.key);
      if (hash !== undefined && hash !== candidate.hash) throw conflict(spec.part, candidate.index, candidate.key, 'is already stored');
    }
    fresh = fresh.filter((candidate) => !stored.has(candidate.key));
  }

  await checkReferences(tx, spec, fresh, new Set(firstByKey.keys()));
  // Optimistic writes leave taken ids to the constraint, and the checked rerun names them.
  if (mode === 'CHECKED') await checkNewIdsFree(tx, spec, fresh);

  let created = fresh.length;
  if (fresh.length > 0) {
    const rows = fresh.map((candidate) => spec.toRow(candidate.item, candidate.hash));
    for (const query of spec.writeQueries) {
      const result = await tx.run<{ created?: number }>(query, { rows });
      if (!spec.label) created = Number(result[0]?.created ?? 0);
    }
    await spec.checkWritten?.(tx, fresh);
    for (const query of spec.outboxQueries ?? []) await tx.run(query, { rows });
    // Derived state (e.g. drift signatures) joins the same transaction: written whole or not at all.
    await onWritten?.(fresh.map((candidate) => candidate.item));
  }
  return { created, unchanged: candidates.length - created };
}

async function checkReferences<T>(tx: QueryRunner, spec: EntitySpec<T>, fresh: Candidate<T>[], batchKeys: Set<string>): Promise<void> {
  const wanted = new Map<NodeLabel, Set<string>>();
  for (const candidate of fresh) {
    for (const ref of spec.refs(candidate.item)) {
      if (ref.label === spec.label && batchKeys.has(ref.id)) continue; // satisfied by this batch
      let ids = wanted.get(ref.label);
      if (!ids) wanted.set(ref.label, (ids = new Set()));
      ids.add(ref.id);
    }
  }
  const found = new Map<NodeLabel, Map<string, string | null>>();
  for (const [label, ids] of wanted) found.set(label, await lookup(tx, label, [...ids]));

  const problems: FieldProblem[] = [];
  for (const candidate of fresh) {
    for (const ref of spec.refs(candidate.item)) {
      if (ref.label === spec.label && batchKeys.has(ref.id)) continue;
      if (!found.get(ref.label)?.has(ref.id)) {
        problems.push({ path: `${spec.part}[${candidate.index}].${ref.field}`, message: `unknown ${ref.label} '${ref.id}'` });
      }
    }
  }
  if (problems.length) throw badInput(problems.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true })));
}

async function checkNewIdsFree<T>(tx: QueryRunner, spec: EntitySpec<T>, fresh: Candidate<T>[]): Promise<void> {
  if (!spec.newRefs || fresh.length === 0) return;
  const refs = fresh.flatMap((candidate) => spec.newRefs!(candidate.item).map((ref) => ({ ref, index: candidate.index })));
  const problems: FieldProblem[] = [];
  // Two new items of one batch creating the same node would otherwise meet only at the
  // uniqueness constraint, which reads as a concurrent write and is retried in vain.
  const creator = new Map<string, number>();
  for (const { ref, index } of refs) {
    const first = creator.get(`${ref.label}|${ref.id}`);
    if (first === undefined) creator.set(`${ref.label}|${ref.id}`, index);
    else if (first !== index)
      problems.push({ path: `${spec.part}[${index}].${ref.field}`, message: `${ref.label} '${ref.id}' is also created by ${spec.part}[${first}]` });
  }
  for (const label of new Set(refs.map(({ ref }) => ref.label))) {
    const taken = await lookup(
      tx,
      label,
      refs.filter(({ ref }) => ref.label === label).map(({ ref }) => ref.id),
    );
    for (const { ref, index } of refs) {
      if (ref.label === label && taken.has(ref.id))
        problems.push({ path: `${spec.part}[${index}].${ref.field}`, message: `${label} '${ref.id}' already exists` });
    }
  }
  if (problems.length)
    throw new LineageError(
      ErrorCode.CONFLICT,
      `Ids already taken: ${problems
        .slice(0, 5)
        .map((p) => p.path)
        .join(', ')}`,
      problems,
    );
}
