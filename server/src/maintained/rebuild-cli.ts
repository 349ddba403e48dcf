/**
 * `npm run maintained:rebuild [-- --verify] [--json]` rebuilds the counters impact and compliance
 * read (see maintained-state.ts) on the configured Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD;
 * else the local database on LOCAL_NEO4J_BOLT_PORT). Run it after a bulk import, with no ingest
 * running. `--verify` rebuilds nothing: it compares the maintained answers with the reference
 * queries that read every prediction (complianceReport, and impact of every dataset version).
 * Exits 0 when rebuilt or equal, 1 naming what differs, 2 when it cannot run.
 */
import 'reflect-metadata';
import { isDeepStrictEqual } from 'node:util';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { ComplianceService } from '../compliance/compliance.service';
import { loadConfig } from '../config';
import { loadRegistry } from '../graph';
import { ImpactService } from '../impact/impact.service';
import { Executor } from '../store/executor';
import { rebuildMaintainedState } from './maintained-state';
import { verifyRoots } from './verify-roots';

/** Compares maintained and reference answers; returns what differs (empty: equal). */
async function verify(executor: Executor): Promise<string[]> {
  const differs: string[] = [];
  const now = new Date();
  const request = { limit: 1_000, sampleSize: 100 };
  const maintained = await new ComplianceService(executor, 'maintained').report(request, now);
  const reference = await new ComplianceService(executor, 'reference').report(request, now);
  for (const policy of reference.policies) {
    const ours = maintained.policies.find((p) => p.policy === policy.policy);
    if (!isDeepStrictEqual(ours, policy)) differs.push(`complianceReport ${policy.policy}`);
  }
  // Expand limit 0: the index-ordered plan, the one that reads the newest affected time.
  const counted = new ImpactService(executor, 0, 'counters');
  const read = new ImpactService(executor, 0, 'predictions');
  for (const root of await verifyRoots(executor)) {
    if (!isDeepStrictEqual(await counted.impact(root, 50), await read.impact(root, 50))) differs.push(`impact ${root}`);
  }
  return differs;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { verify: { type: 'boolean' }, json: { type: 'boolean' } } });
  const config = loadConfig();
  const target = config.neo4j ?? { uri: `bolt://127.0.0.1:${config.localNeo4j.boltPort}`, user: 'neo4j', password: 'local' };
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { disableLosslessIntegers: true });
  try {
    const executor = new Executor(driver, loadRegistry());
    if (values.verify) {
      const differs = await verify(executor);
      console.log(
        values.json
          ? JSON.stringify({ ok: differs.length === 0, differs })
          : differs.length
            ? `DIFFERS: ${differs.join(', ')}`
            : 'OK: maintained answers equal the reference queries',
      );
      return differs.length ? 1 : 0;
    }
    const result = await rebuildMaintainedState(executor);
    console.log(values.json ? JSON.stringify(result) : `Rebuilt the maintained counters (layout ${result.version}) in ${result.seconds.toFixed(1)} s`);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    return 2;
  } finally {
    await driver.close();
  }
}

process.exit(await main());
