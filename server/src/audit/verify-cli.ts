/**
 * `npm run verify-audit [-- --checkpoints <file> …] [--public-key <pem>] [--json]` checks the
 * audit chain offline: connects to Neo4j (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD; else the local
 * database on LOCAL_NEO4J_BOLT_PORT), walks every entry under the audit chain key
 * (AUDIT_CHAIN_KEY or KEYS_DIR; never generated here), and checks it against every signed
 * checkpoint (AUDIT_CHECKPOINT_FILE, public key from AUDIT_CHECKPOINT_PUBLIC_KEY or KEYS_DIR).
 * With several instances, each with its own chain and checkpoint file, give every file
 * (`--checkpoints a.jsonl --checkpoints b.jsonl`): every chain is walked, each against its own.
 * Exits 0 when intact, 1 naming the first break, 2 on bad usage or when it cannot check.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { loadConfig } from '../config';
import { loadRegistry } from '../graph';
import { Executor } from '../store/executor';
import { checkpointFileFrom, loadAuditChainKey, loadCheckpointPublicKey } from './audit.keys';
import { verifyChain } from './audit.verify';
import { readCheckpointFiles } from './checkpoint';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { checkpoints: { type: 'string', multiple: true }, 'public-key': { type: 'string' }, json: { type: 'boolean' } } });
  const env = { ...process.env, ...(values['public-key'] ? { AUDIT_CHECKPOINT_PUBLIC_KEY: values['public-key'] } : {}) };
  const key = loadAuditChainKey(env, { create: false });
  const files = values.checkpoints?.length ? values.checkpoints : [checkpointFileFrom(env)];
  const file = files.join(', ');
  const checkpoints = readCheckpointFiles(files, loadCheckpointPublicKey(env));
  const config = loadConfig(env);
  const target = config.neo4j ?? { uri: `bolt://127.0.0.1:${config.localNeo4j.boltPort}`, user: 'neo4j', password: 'local' };
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password), { disableLosslessIntegers: true });
  try {
    const result = await verifyChain(new Executor(driver, loadRegistry()), key, checkpoints);
    if (values.json) console.log(JSON.stringify({ checkpointFile: file, ...result }));
    else if (result.ok) {
      console.log(`OK: ${result.checked} entries verified (head seq ${result.headSeq}) against ${result.checkpoints} signed checkpoints in ${file}`);
      for (const missing of files.filter((f) => !fs.existsSync(f))) console.log(`  warning: ${missing} does not exist: nothing anchors the head outside Neo4j`);
    } else {
      const b = result.broken!;
      console.log(
        `BROKEN at seq ${b.seq}${b.id ? ` (entry ${b.id})` : ''}: ${b.reason}: ${b.message}\n  ${result.checked} entries verified before it; head seq ${result.headSeq}; ${result.checkpoints} checkpoints in ${file}`,
      );
    }
    return result.ok ? 0 : 1;
  } finally {
    await driver.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`verify-audit: ${(error as Error).message}`);
  return 2;
});
