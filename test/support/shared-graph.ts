/**
 * One seeded graph per worker, shared by the test files that only read it. Loading the demo
 * scenario through the real ingest service costs 5-15 s a file; a file that declares it only
 * reads fixture X gets the worker's database as it is when it already holds X, and is checked
 * for that declaration, never trusted:
 *
 * - before reuse, the graph's fingerprint (node counts per label, relationship counts per type
 *   and a digest of every node's and relationship's labels, type, ends and properties) must equal
 *   the one taken right after X was loaded; anything another file did in between forces a reload
 *   (when the file just before on the worker was a reader found unchanged, the counts suffice);
 * - after the file (test/setup/shared-graph-check.ts), the fingerprint is taken again: a file
 *   that changed the graph fails, naming what changed, and the next reader reloads.
 *
 * The access audit and the schema record are left out of the fingerprint: reads append audit
 * entries, and every server start records the schema version. Reuse deletes the audit chain, so
 * each file starts with none, as after a wipe.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import neo4j, { type Driver } from 'neo4j-driver';
import { readRows, wipeGraph } from './neo4j';
import { testNeo4j } from './neo4j-target';

/** The access audit chain: reads append to it. */
const AUDIT_LABELS: readonly string[] = ['AuditEntry', 'AuditAccess', 'AuditHead', 'AuditSeqBlock'];
/** Labels the fingerprint leaves out: the audit chain, and the schema record every server start writes. */
export const VOLATILE_LABELS: readonly string[] = [...AUDIT_LABELS, 'SchemaMeta'];

/** What a graph holds, apart from the volatile labels. */
export interface GraphFingerprint {
  /** `:Label` and `-TYPE->` to their counts (zero counts left out). */
  counts: Record<string, number>;
  /** Each node (by labels and id) and relationship (by type and element id) to a SHA-256 of its content. */
  items: Map<string, string>;
}

interface Held {
  key: string;
  fingerprint: GraphFingerprint;
}

/** Per worker process: vitest runs the files of a worker one at a time in one process. */
interface SharedState {
  /** The fixture the worker's database held when last loaded or checked. */
  held?: Held;
  /** The fixture the running file declared it only reads; checked after the file. */
  inUse?: Held;
  /** Test files started on this worker so far. */
  files: number;
  /** The file after which the held fixture was last found unchanged. */
  checkedAfterFile?: number;
}
const STATE = Symbol.for('ion-lineage.test-shared-graph');
const state = ((globalThis as typeof globalThis & { [STATE]?: SharedState })[STATE] ??= { files: 0 });

const hasAny = (param: string) => `any(l IN labels(n) WHERE l IN $${param})`;

async function countGraph(driver: Driver): Promise<Record<string, number>> {
  const labels = await readRows<{ name: string }>(driver, 'CALL db.labels() YIELD label RETURN label AS name');
  const types = await readRows<{ name: string }>(driver, 'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS name');
  const counted = labels.filter((l) => !VOLATILE_LABELS.includes(l.name));
  // Counts by one label or one type come from the count store, not a scan.
  const parts = [
    ...counted.map((l) => `MATCH (n:\`${l.name}\`) RETURN ':${l.name}' AS key, count(n) AS count`),
    ...types.map((t) => `MATCH ()-[r:\`${t.name}\`]->() RETURN '-${t.name}->' AS key, count(r) AS count`),
  ];
  if (parts.length === 0) return {};
  const rows = await readRows<{ key: string; count: unknown }>(driver, parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.key, neo4j.integer.toNumber(r.count as number)] as const).filter(([, count]) => count > 0));
}

/** Every node and relationship outside the volatile labels, each to the digest of its content. */
async function digestItems(driver: Driver): Promise<Map<string, string>> {
  const items = new Map<string, string>();
  const digest = (value: unknown) =>
    createHash('sha256')
      .update(canonicalize(value) ?? '')
      .digest('base64');
  const nodes = await driver.executeQuery(`MATCH (n) WHERE NOT ${hasAny('volatile')} RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS props`, {
    volatile: VOLATILE_LABELS,
  });
  for (const record of nodes.records) {
    const labels = [...(record.get('labels') as string[])].sort();
    const props = record.get('props') as Record<string, unknown>;
    items.set(`(:${labels.join(':')} ${String(props.id ?? '')} ${record.get('id')})`, digest([record.get('id'), labels, props]));
  }
  const rels = await driver.executeQuery(
    'MATCH (a)-[r]->(b) RETURN elementId(r) AS id, type(r) AS type, elementId(a) AS a, elementId(b) AS b, properties(r) AS props',
  );
  for (const record of rels.records) {
    items.set(`-[:${record.get('type')} ${record.get('id')}]->`, digest([record.get('a'), record.get('b'), record.get('props')]));
  }
  return items;
}

/** Called as each test file starts on this worker (test/setup/shared-graph-check.ts). */
export function noteFileStarted(): void {
  state.files += 1;
}

async function withDriver<T>(use: (driver: Driver) => Promise<T>): Promise<T> {
  const target = testNeo4j();
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
  try {
    return await use(driver);
  } finally {
    await driver.close();
  }
}

const countsOf = () => withDriver(countGraph);

/**
 * The worker's graph's fingerprint; the items only when the counts match `expected` (else they
 * cannot). Read over a driver of its own: drivers configured differently return numbers in
 * different forms (Integer, number, bigint), and every fingerprint must read them alike.
 */
export function graphFingerprint(expected?: GraphFingerprint): Promise<GraphFingerprint> {
  return withDriver(async (driver) => {
    const counts = await countGraph(driver);
    if (expected && !sameCounts(counts, expected.counts)) return { counts, items: new Map() };
    return { counts, items: await digestItems(driver) };
  });
}

/** Whether two fingerprints describe the same graph. */
export function sameGraph(a: GraphFingerprint, b: GraphFingerprint): boolean {
  return sameCounts(a.counts, b.counts) && a.items.size === b.items.size && [...a.items].every(([key, digest]) => b.items.get(key) === digest);
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => a[key] === b[key]);
}

/** What differs between two fingerprints, for the failure message. */
export function describeChange(before: GraphFingerprint, after: GraphFingerprint): string {
  const keys = [...new Set([...Object.keys(before.counts), ...Object.keys(after.counts)])].sort();
  const counts = keys.filter((k) => before.counts[k] !== after.counts[k]).map((k) => `${k} ${before.counts[k] ?? 0} -> ${after.counts[k] ?? 0}`);
  if (counts.length > 0) return `counts changed: ${counts.join(', ')}`;
  const changed = [...before.items].filter(([key, digest]) => after.items.get(key) !== digest).map(([key]) => key);
  return `changed: ${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`;
}

/**
 * Makes the worker's database hold fixture `key` for a file that only reads it: reuses it when
 * the fingerprint shows it untouched since it was loaded, else wipes and calls `load` (which
 * must load exactly the same graph for the same key). Returns whether it was reused.
 */
export async function useSharedGraph(driver: Driver, key: string, load: () => Promise<void>): Promise<boolean> {
  const held = state.held;
  state.held = undefined;
  state.inUse = undefined;
  if (held?.key === key) {
    await driver.executeQuery(`MATCH (n) WHERE ${hasAny('audit')} DETACH DELETE n`, { audit: AUDIT_LABELS });
    // Checked unchanged after the file just before this one on this worker (nothing ran since):
    // the counts suffice. After any other file, every node and relationship is compared.
    const checkedJustBefore = state.checkedAfterFile === state.files - 1;
    const now = checkedJustBefore ? { counts: await countsOf(), items: held.fingerprint.items } : await graphFingerprint(held.fingerprint);
    if (sameGraph(now, held.fingerprint)) {
      state.held = state.inUse = held;
      return true;
    }
  }
  await wipeGraph(driver);
  await load();
  state.held = state.inUse = { key, fingerprint: await graphFingerprint() };
  return false;
}

/**
 * After a file that declared it only reads the shared graph: throws, and forgets the fixture,
 * when the file changed the graph. A no-op after any other file.
 */
export async function checkSharedGraph(): Promise<void> {
  const inUse = state.inUse;
  state.inUse = undefined;
  if (!inUse) return;
  const after = await graphFingerprint(inUse.fingerprint);
  if (sameGraph(after, inUse.fingerprint)) {
    state.checkedAfterFile = state.files;
    return;
  }
  state.held = undefined;
  throw new Error(
    `This file declared that it only reads the shared graph "${inUse.key}", but changed it (${describeChange(inUse.fingerprint, after)}). ` +
      'Load a graph of its own instead (drop `readOnly`).',
  );
}
