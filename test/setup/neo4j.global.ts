/**
 * Global setup for the database test projects: finds one Neo4j per test worker and hands their
 * connections to the tests with `provide('neo4jPool', …)`; a test file reads its worker's own
 * with `testNeo4j()` (test/support/neo4j-target.ts), so files on different workers never share
 * a database and may run at the same time.
 *
 * Order: (a) `NEO4J_URI` from the environment (one database, so one worker); (b) Neo4j
 * containers when a container runtime answers; (c) the project's own local Neo4j launcher on
 * free ports with fresh data folders. It never skips silently: when no Neo4j can be had, the
 * run fails with every reason.
 *
 * The launcher's databases start in the background: their ports are chosen up front, so their
 * connections can be provided at once and the unit tests run while the JVMs start (vitest runs
 * every global setup before the first test file). A status file tells the database tests'
 * workers when the databases answer, or why they did not (test/setup/neo4j-ready.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';
import type { Neo4jTarget } from '../../server/src/config';
import { containerEnvironment, testDatabaseCount, TEST_NEO4J_SETTINGS, WORKER_NEO4J_JVM_OPTIONS } from './test-databases';
import { freePort, startLocalNeo4j } from '../../server/src/neo4j/local-neo4j';

const CONTAINER_IMAGE = 'neo4j:5.26-community';
const RUNTIME_PROBE_MS = 10_000;

interface StartedNeo4j {
  target: Neo4jTarget;
  /** One line for the test log: where the database comes from. */
  description: string;
  stop(): Promise<void>;
}

/**
 * Several projects (int, e2e) use this setup in one run; they share one database. Global
 * setups all run in the main vitest process, so the shared state lives on `globalThis`.
 */
interface SharedState {
  /** Where the tests connect; known before the databases answer. */
  targets: Neo4jTarget[];
  /** Settles once every database answers, or one failed (the others are stopped then). */
  started: Promise<StartedNeo4j[]>;
  /** `ready`, or `failed: <every reason>`, once `started` settles. */
  statusFile: string;
  users: number;
}
const SHARED = Symbol.for('ion-lineage.test-neo4j');
type GlobalWithShared = typeof globalThis & { [SHARED]?: SharedState };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000}s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** (a) The user's own Neo4j; checked up front so a wrong URI fails once, clearly. */
async function useConfigured(uri: string): Promise<StartedNeo4j> {
  const target = { uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' };
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
  try {
    await withTimeout(driver.verifyConnectivity(), 30_000, `Neo4j at ${uri}`);
  } catch (error) {
    throw new Error(`NEO4J_URI is set to ${uri}, but that Neo4j cannot be reached: ${reason(error)}`);
  } finally {
    await driver.close();
  }
  return { target, description: `NEO4J_URI (${uri})`, stop: async () => {} };
}

/** Whether a container runtime answers (testcontainers' own detection). */
async function containerRuntimeAnswers(): Promise<boolean> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await withTimeout(getContainerRuntimeClient(), RUNTIME_PROBE_MS, 'The container runtime');
    return true;
  } catch {
    return false;
  }
}

/** (b) A Neo4j container. */
async function startContainer(): Promise<StartedNeo4j> {
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer(CONTAINER_IMAGE).withEnvironment(containerEnvironment(TEST_NEO4J_SETTINGS)).start();
  return {
    target: { uri: container.getBoltUri(), user: container.getUsername(), password: container.getPassword() },
    description: `a ${CONTAINER_IMAGE} container (${container.getBoltUri()})`,
    stop: async () => {
      await container.stop();
    },
  };
}

/**
 * (c) The embedded Neo4j launcher: one JVM serving a database per port, each with a data folder
 * that is removed afterwards. One JVM, not one per database: the databases' stores stay apart
 * while the JIT compiles Neo4j's planner and runtime once (that compilation was a quarter of the
 * whole suite's CPU with a JVM per database).
 */
async function startLaunchers(ports: readonly number[]): Promise<StartedNeo4j[]> {
  const dataDirs = ports.map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'ion-lineage-test-neo4j-')));
  const removeData = () => dataDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true }));
  try {
    const local = await startLocalNeo4j({
      dataDir: dataDirs[0]!,
      port: ports[0]!,
      alsoServe: ports.slice(1).map((port, i) => ({ dataDir: dataDirs[i + 1]!, port })),
      heap: `${2 * ports.length}g`,
      jvmOptions: WORKER_NEO4J_JVM_OPTIONS,
      pageCache: '256m',
      settings: TEST_NEO4J_SETTINGS,
    });
    let stopping: Promise<void> | undefined;
    // The stores are removed next, so no clean shutdown.
    const stop = () => (stopping ??= local.kill().then(removeData));
    return local.uris.map((uri, i) => ({
      // The launcher serves loopback only with auth disabled; any credentials are accepted.
      target: { uri, user: 'neo4j', password: '' },
      description: `the local Neo4j launcher (${uri}, data in ${dataDirs[i]})`,
      stop,
    }));
  } catch (error) {
    removeData();
    throw error;
  }
}

/** One database per worker, started side by side; when one fails, the others are stopped. */
async function startPool(starts: ReadonlyArray<() => Promise<StartedNeo4j>>): Promise<StartedNeo4j[]> {
  const results = await Promise.allSettled(starts.map((start) => start()));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => s.stop().catch(() => {})));
    throw failed.reason;
  }
  return started;
}

const noNeo4j = (reasons: string[]) => new Error(`No Neo4j for the tests (set NEO4J_URI to use your own):\n- ${reasons.join('\n- ')}`);

/** Where the tests connect, and the databases' start: awaited for (a) and (b), in the background for (c). */
async function openPool(count: number): Promise<Pick<SharedState, 'targets' | 'started'>> {
  const uri = process.env.NEO4J_URI;
  const known = (started: StartedNeo4j[]) => ({ targets: started.map((s) => s.target), started: Promise.resolve(started) });
  if (uri) return known([await useConfigured(uri)]);
  const reasons: string[] = [];
  if (await containerRuntimeAnswers()) {
    try {
      return known(await startPool(Array.from({ length: count }, () => startContainer)));
    } catch (error) {
      reasons.push(`the ${CONTAINER_IMAGE} container did not start: ${reason(error)}`);
    }
  } else {
    reasons.push('no container runtime answered');
  }
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  // The launcher serves loopback only with auth disabled; any credentials are accepted.
  const targets = ports.map((port) => ({ uri: `bolt://127.0.0.1:${port}`, user: 'neo4j', password: '' }));
  const started = startLaunchers(ports).catch((error: unknown) => {
    throw noNeo4j([...reasons, `the local Neo4j launcher did not start: ${reason(error)}`]);
  });
  return { targets, started };
}

/** Writes the status file atomically, so a worker never reads half of it. */
function writeStatus(file: string, status: string): void {
  fs.writeFileSync(`${file}.tmp`, status);
  fs.renameSync(`${file}.tmp`, file);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const global = globalThis as GlobalWithShared;
  let shared = global[SHARED];
  if (!shared) {
    const statusFile = path.join(os.tmpdir(), `ion-lineage-test-neo4j-${process.pid}-${Date.now()}.status`);
    const pool = await openPool(testDatabaseCount());
    shared = { ...pool, statusFile, users: 0 };
    global[SHARED] = shared;
    pool.started.then(
      (started) => {
        console.log(`[neo4j] tests use ${started.map((s) => s.description).join('; ')}`);
        writeStatus(statusFile, 'ready');
      },
      (error: unknown) => writeStatus(statusFile, `failed: ${reason(error)}`),
    );
  }
  shared.users += 1;
  project.provide('neo4jPool', shared.targets);
  project.provide('neo4jStatusFile', shared.statusFile);

  return async () => {
    const state = global[SHARED];
    if (!state || --state.users > 0) return;
    delete global[SHARED];
    const started = await state.started.catch(() => []);
    await Promise.all(started.map((s) => s.stop()));
    fs.rmSync(state.statusFile, { force: true });
  };
}
