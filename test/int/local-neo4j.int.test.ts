/**
 * The local Neo4j launcher behind `npm start`: a free port, Bolt served, data kept across a
 * restart on the same folder, and a stop that really ends the Java process.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Record as Neo4jRecord } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from '../../server/src/neo4j/local-neo4j';
import { SHORT_LIVED_NEO4J_JVM_OPTIONS } from '../setup/test-databases';

const STOP_WITHIN_MS = 60_000;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function withSession<T>(
  uri: string,
  work: (run: (cypher: string, params?: Record<string, unknown>) => Promise<Neo4jRecord[]>) => Promise<T>,
): Promise<T> {
  // Auth is disabled on the launcher's loopback Bolt; the credentials are ignored.
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''));
  const session = driver.session();
  try {
    await driver.verifyConnectivity();
    return await work(async (cypher, params) => (await session.run(cypher, params)).records);
  } finally {
    await session.close();
    await driver.close();
  }
}

async function stopTimed(db: LocalNeo4j): Promise<number> {
  const started = Date.now();
  await db.stop();
  return Date.now() - started;
}

describe('local Neo4j launcher', () => {
  let dataDir: string;
  let otherDataDir: string;
  const running: LocalNeo4j[] = [];

  // Each start lives a few seconds: the client compiler alone, as for the outage test's Neo4j.
  async function start(more: Pick<LocalNeo4jOptions, 'settings' | 'alsoServe'> = {}): Promise<LocalNeo4j> {
    const db = await startLocalNeo4j({ dataDir, port: 0, pageCache: '64m', jvmOptions: SHORT_LIVED_NEO4J_JVM_OPTIONS, ...more });
    running.push(db);
    return db;
  }

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-lineage-launcher-test-'));
    otherDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-lineage-launcher-test-other-'));
  });

  afterAll(async () => {
    await Promise.all(running.map((db) => db.stop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(otherDataDir, { recursive: true, force: true });
  });

  it('serves Bolt on a free loopback port', async () => {
    const db = await start();
    expect(db.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
    await withSession(db.uri, async (run) => {
      const [row] = await run('RETURN 1 AS one');
      expect(row?.get('one').toNumber()).toBe(1);
      await run('CREATE (:LauncherProbe {id: $id})', { id: 'survives-restart' });
    });
  });

  it('stops within a minute and the Java process is gone', async () => {
    const db = running.at(-1)!;
    expect(await stopTimed(db)).toBeLessThan(STOP_WITHIN_MS);
    expect(isRunning(db.pid)).toBe(false);
    // Stopping twice is harmless (the server's signal handlers and tests may both try).
    await db.stop();
  });

  it('keeps the data when started again on the same folder, takes neo4j.conf settings by name, and serves more stores from one JVM', async () => {
    const db = await start({
      settings: { 'dbms.cypher.min_replan_interval': '17m' },
      alsoServe: [{ dataDir: otherDataDir, port: 0 }],
    });
    expect(db.uris).toHaveLength(2);
    expect(db.uris[0]).toBe(db.uri);
    await withSession(db.uri, async (run) => {
      const rows = await run('MATCH (p:LauncherProbe) RETURN p.id AS id');
      expect(rows.map((row) => row.get('id'))).toEqual(['survives-restart']);
      const [setting] = await run("CALL dbms.listConfig('dbms.cypher.min_replan_interval') YIELD value RETURN value");
      expect(setting?.get('value')).toBe('17m');
    });
    // The second database has a store of its own (and the same settings).
    await withSession(db.uris[1]!, async (run) => {
      expect(await run('MATCH (p:LauncherProbe) RETURN p.id AS id')).toEqual([]);
      await run('CREATE (:LauncherProbe {id: $id})', { id: 'other-store' });
      const [setting] = await run("CALL dbms.listConfig('dbms.cypher.min_replan_interval') YIELD value RETURN value");
      expect(setting?.get('value')).toBe('17m');
    });
    await withSession(db.uri, async (run) => {
      const rows = await run('MATCH (p:LauncherProbe) RETURN p.id AS id');
      expect(rows.map((row) => row.get('id'))).toEqual(['survives-restart']);
    });
    expect(await stopTimed(db)).toBeLessThan(STOP_WITHIN_MS);
    expect(isRunning(db.pid)).toBe(false);
  });
});
