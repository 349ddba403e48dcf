import neo4j from 'neo4j-driver';
import type { QueryRunner } from '../store/executor';

/** Most impact roots a verification checks (each costs two impact analyses). */
export const VERIFY_ROOTS = 200;

/** Dataset versions to verify impact from, most read first. */
export async function verifyRoots(runner: QueryRunner): Promise<string[]> {
  const rows = await runner.run<{ id: string }>('maintained/verify-roots', { limit: neo4j.int(VERIFY_ROOTS) });
  return rows.map((row) => row.id);
}
