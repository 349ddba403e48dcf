/**
 * Real processes for the fault tests: the server as a child process (so it can be killed) on the
 * worker's test database, or on a local Neo4j of its own on a fixed data folder and port (so it
 * can be stopped and started again), tokens
 * signed with the child's JWT secret, and the check that the graph holds exactly the sent ids.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { LineageClient, QueueFullError } from '@ion-lineage/sdk';
import type { DemoScenario } from '../../seed/src/scenario';
import { signJwt } from '../../server/src/auth/jwt';
import { Role } from '../../server/src/auth/roles';
import { type Neo4jTarget, REPO_ROOT } from '../../server/src/config';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../server/src/neo4j/local-neo4j';
import { wipeGraph } from '../support/neo4j';
import { testNeo4j } from '../support/neo4j-target';
import { SHORT_LIVED_NEO4J_JVM_OPTIONS } from '../setup/test-databases';

/** A Neo4j that can be stopped and started again on the same data and port. */
export class RestartableNeo4j {
  private current: LocalNeo4j | undefined;
  uri = '';

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    this.current = await startLocalNeo4j({ dataDir: this.dataDir, port: this.port, pageCache: '256m', jvmOptions: SHORT_LIVED_NEO4J_JVM_OPTIONS });
    this.uri = this.current.uri;
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
  }
}

/** The server run as `tsx server/src/main.ts` against a given Neo4j, on a fixed port. */
export class ServerProcess {
  private child: ChildProcess | undefined;
  readonly url: string;

  constructor(
    readonly neo4j: Neo4jTarget,
    readonly port: number,
    readonly jwtSecret: string,
    private readonly stateDir: string,
  ) {
    this.url = `http://127.0.0.1:${port}/graphql`;
  }

  /** Starts the server and waits until it answers /readyz. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/src/main.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NEO4J_URI: this.neo4j.uri,
        NEO4J_USER: this.neo4j.user,
        NEO4J_PASSWORD: this.neo4j.password,
        PORT: String(this.port),
        SEED_ON_EMPTY: 'false',
        AUTH_JWT_SECRET: this.jwtSecret,
        AUTH_DEMO_TOKEN: 'false',
        AUTH_STATE_FILE: path.join(this.stateDir, 'auth.json'),
        KEYS_DIR: path.join(this.stateDir, 'keys'),
        // Its own audit checkpoints: the worker's file may name a chain head of a wiped graph.
        AUDIT_CHECKPOINT_FILE: path.join(this.stateDir, 'audit-checkpoints.jsonl'),
        LOG_LEVEL: 'error',
        // The outage reaches the SDK after 2 s instead of the driver's default 30 s of retrying.
        NEO4J_RETRY_TIME_MS: '2000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.child = child;
    const base = `http://127.0.0.1:${this.port}`;
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${base}/readyz`)).ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error('server not ready within 180 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Ends the server with `signal` (SIGKILL: no goodbye, in-flight requests cut). */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

/** Everything one fault test runs on, in a temporary folder removed by `close()`. */
export interface FaultRig {
  dir: string;
  server: ServerProcess;
  driver: Driver;
  /** A JWT with the INGEST role, signed with the server's secret. */
  token: string;
  close(): Promise<void>;
}

/** A rig whose Neo4j belongs to the test alone, so the test may stop and start it. */
export interface OutageRig extends FaultRig {
  neo4j: RestartableNeo4j;
}

/**
 * The server (as a child process, on a free fixed port) against this worker's test database,
 * wiped first: for faults that leave Neo4j running, so no Neo4j of its own has to start.
 */
export async function startRig(name: string): Promise<FaultRig> {
  const target = testNeo4j();
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
  await wipeGraph(driver);
  // The tens of thousands of predictions it leaves go too, as they went with a Neo4j of its own.
  return startServer(name, target, driver, () => wipeGraph(driver));
}

/** A Neo4j of the test's own (free fixed port, data in the rig's folder) and the server on it. */
export async function startOutageRig(name: string): Promise<OutageRig> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `ion-fault-${name}-neo4j-`));
  const neo4jDb = new RestartableNeo4j(dataDir, await freePort());
  await neo4jDb.start();
  const target = { uri: neo4jDb.uri, user: 'neo4j', password: 'local' };
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
  const rig = await startServer(name, target, driver, async () => {
    await neo4jDb.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return { ...rig, neo4j: neo4jDb };
}

async function startServer(name: string, target: Neo4jTarget, driver: Driver, releaseDatabase: () => Promise<void>): Promise<FaultRig> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ion-fault-${name}-`));
  const secret = randomBytes(32).toString('base64url');
  const server = new ServerProcess(target, await freePort(), secret, dir);
  await server.start();
  const token = await signJwt({ sub: `fault-test:${name}`, roles: [Role.INGEST] }, { secret: new TextEncoder().encode(secret) });
  return {
    dir,
    server,
    driver,
    token,
    async close() {
      await server.stop();
      await releaseDatabase();
      await driver.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Test-only read: every stored prediction id with the prefix (ids are unique by constraint, so doubles would show as a count above the set's size). */
export async function storedIds(driver: Driver, prefix: string): Promise<string[]> {
  const { records } = await driver.executeQuery('MATCH (p:Prediction) WHERE p.id STARTS WITH $prefix RETURN p.id AS id', { prefix });
  return records.map((record) => record.get('id') as string);
}

/** Waits until `check` holds, polling every 100 ms. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The difference between what was sent and what is stored, for a readable failure. */
export function compareIds(sent: ReadonlySet<string>, stored: readonly string[]): { missing: string[]; unexpected: string[]; doubled: number } {
  const storedSet = new Set(stored);
  return {
    missing: [...sent].filter((id) => !storedSet.has(id)).slice(0, 10),
    unexpected: [...storedSet].filter((id) => !sent.has(id)).slice(0, 10),
    doubled: stored.length - storedSet.size,
  };
}

/**
 * Records the scenario the way a pipeline would: the base as one bundle, then every prediction
 * one call at a time, waiting only when the SDK asks for it (QueueFullError). Each sent id is
 * added to `sent`.
 */
export async function recordScenario(client: LineageClient, scenario: DemoScenario, sent: Set<string>): Promise<void> {
  await client.bundle(scenario.base);
  for (const batch of scenario.predictionBatches()) {
    for (const prediction of batch.predictions ?? []) {
      for (;;) {
        try {
          void client.recordPrediction(prediction);
          break;
        } catch (error) {
          if (!(error instanceof QueueFullError)) throw error;
          await client.writable();
        }
      }
      sent.add(prediction.id);
    }
    // Let the spool and the sender run between batches, as a pipeline awaiting its next input would.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Spool segment size of the fault tests: 1 MiB instead of the SDK's 16 MiB, so an ingest of
 * 10,000 predictions (about 10 MB) rotates segments as the 50,000 to 200,000 predictions these
 * tests once sent did with the default size (a spool groups what arrives during one write, so
 * a fast recording loop may still fill one segment with several MB).
 */
export const FAULT_SEGMENT_BYTES = 1 << 20;

/** Segment files in a spool folder: more than one means the spool has rotated. */
export function spoolSegments(spoolDir: string): number {
  return fs.readdirSync(spoolDir).filter((name) => name.startsWith('segment-')).length;
}

/** Items of the scenario's base bundle (the SDK's `created` counts them before any prediction). */
export function baseItems(scenario: DemoScenario): number {
  return Object.values(scenario.base).reduce((sum, items: readonly unknown[]) => sum + items.length, 0);
}
