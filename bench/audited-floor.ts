/**
 * The honest floor of an audited `why`: what any service must spend to answer a read and
 * commit its audit record first, with nothing of HTTP, GraphQL, auth or masking. The
 * `why/explain` query over Bolt, then the service's own one-statement append
 * (`audit/append-if-head`) of one chained, HMAC-hashed entry naming the ids the answer returned,
 * as an auto-commit write over Bolt, on a chain of its own. Sequential, as the service must be:
 * the record names ids taken from the result, so it cannot be written before the read returns.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { accessBody } from '../server/src/audit/audit.entry';
import { type ChainBody, type ChainEntry, hashBody, KEYED_ALG } from '../server/src/audit/chain';
import type { Principal } from '../server/src/auth/principal';
import { loadRegistry } from '../server/src/graph';

type Variables = Record<string, unknown>;
type Row = Record<string, unknown>;

/** Seqs the floor's chain reserves at once (the service reserves 1,000 per block; one block is enough here). */
const BLOCK = 1_000_000;

/** The ids `auditWhy` records: the prediction, its control and every model (members included: they come back as models here). */
function targetIdsOf(row: Row | undefined): string[] {
  const prediction = (row?.prediction as { id?: string } | null)?.id;
  const control = ((row?.others as Array<{ id?: string }> | null) ?? [])[0]?.id;
  const models = ((row?.models as Array<{ id?: string }> | null) ?? []).map((model) => model.id);
  return [...new Set([prediction, control, ...models].filter((id): id is string => typeof id === 'string'))];
}

/** A read-then-append runner on its own chain `chainId`; `setup()` once before the first call. */
export function auditedFloor(driver: Driver, chainId = `bench-floor-${randomUUID().slice(0, 8)}`) {
  const registry = loadRegistry();
  const key = randomBytes(32);
  let head = { seq: 0, hash: null as string | null, next: 0, blockEnd: -1 };

  const send = async (mode: 'READ' | 'WRITE', name: Parameters<typeof registry.get>[0], params: Variables) => {
    const session = driver.session({ defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
    try {
      return (await session.run(registry.get(name).text, params)).records.map((record) => record.toObject());
    } finally {
      await session.close();
    }
  };

  return {
    chainId,
    /** Creates the chain's head and reserves its block of seqs, as an instance chain's first append does. */
    async setup(): Promise<void> {
      await send('WRITE', 'audit/lock-head', { headId: chainId });
      const [row] = await send('WRITE', 'audit/reserve-seqs', { size: BLOCK });
      const start = Number(row!.start);
      head = { seq: 0, hash: null, next: start, blockEnd: start + BLOCK - 1 };
    },
    /** One audited `why`: the read, then the record of what it returned, committed. */
    async why(variables: Variables, principal: Principal = { id: 'bench', name: 'bench', roles: [], via: 'jwt' }): Promise<Row[]> {
      const rows = await send('READ', 'why/explain', {
        predictionId: null,
        subjectKey: variables.subjectKey,
        at: variables.at ?? null,
        output: null,
        windowMinutes: 60,
      });
      const seq = head.next;
      // The entry the service would write for this read (`accessBody`), linked and hashed as its append does.
      const access = accessBody(
        { principal, requestId: randomUUID(), clientIp: '127.0.0.1', userAgent: 'node', operationName: 'Why' },
        { action: 'read', operation: 'why', targetIds: targetIdsOf(rows[0]) },
      );
      const body: ChainBody = { ...access, seq, prevHash: head.hash, alg: KEYED_ALG, chain: chainId, prevSeq: head.seq === 0 ? null : head.seq };
      const entry: ChainEntry = { ...body, hash: hashBody(body, key) };
      const [result] = await send('WRITE', 'audit/append-if-head', {
        headId: chainId,
        expectSeq: head.seq,
        expectHash: head.hash,
        seq,
        hash: entry.hash,
        next: seq + 1,
        blockEnd: head.blockEnd,
        entries: [entry],
      });
      if (Number(result?.appended) !== 1) throw new Error(`the floor's append did not apply (head of ${chainId} moved)`);
      head = { seq, hash: entry.hash, next: seq + 1, blockEnd: head.blockEnd };
      return rows;
    },
  };
}
