/**
 * Holds and kills audit appends from outside the service: the attacks on "no answer or write
 * without its audit record" need the chain head's write lock held by another transaction.
 */
import type { Driver, Transaction } from 'neo4j-driver';

/** Holds the write lock of chain `chainId`'s head until `release` (which rolls back). */
export async function holdAuditHead(driver: Driver, chainId: string): Promise<{ tx: Transaction; release: () => Promise<void> }> {
  const session = driver.session();
  const tx = session.beginTransaction();
  await tx.run('MATCH (h:AuditHead {id: $id}) SET h.lockedAt = datetime()', { id: chainId });
  return {
    tx,
    release: async () => {
      if (tx.isOpen()) await tx.rollback();
      await session.close();
    },
  };
}

/** Runs an administration command (SHOW / TERMINATE TRANSACTIONS) in its own auto-commit transaction. */
export async function adminCommand(driver: Driver, query: string, params: Record<string, unknown> = {}) {
  const session = driver.session();
  try {
    return (await session.run(query, params)).records;
  } finally {
    await session.close();
  }
}
