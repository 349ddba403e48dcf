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
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';
import type { Neo4jTarget } from '../../server/src/config';
import { TEST_NEO4J_JVM_OPTIONS, testDatabaseCount } from './test-databases';
import { startLocalNeo4j } from '../../server/src/neo4j/local-neo4j';

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
  started: Promise<StartedNeo4j[]>;
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

/** (b) Resolves to undefined when no container runtime answers (testcontainers' own detection). */
async function tryContainer(): Promise<StartedNeo4j | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await withTimeout(getContainerRuntimeClient(), RUNTIME_PROBE_MS, 'The container runtime');
  } catch {
    return undefined;
  }
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const container = await new Neo4jContainer(CONTAINER_IMAGE).start();
  return {
    target: { uri: container.getBoltUri(), user: container.getUsername(), password: container.getPassword() },
    description: `a ${CONTAINER_IMAGE} container (${container.getBoltUri()})`,
    stop: async () => {
      await container.stop();
    },
  };
}

/** (c) The embedded Neo4j launcher, with a data folder that is removed afterwards. */
async function startLauncher(): Promise<StartedNeo4j> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-lineage-test-neo4j-'));
  try {
    const local = await startLocalNeo4j({ dataDir, port: 0, pageCache: '256m', jvmOptions: TEST_NEO4J_JVM_OPTIONS });
    return {
      // The launcher serves loopback only with auth disabled; any credentials are accepted.
      target: { uri: local.uri, user: 'neo4j', password: '' },
      description: `the local Neo4j launcher (${local.uri}, data in ${dataDir})`,
      stop: async () => {
        await local.stop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startNeo4j(): Promise<StartedNeo4j> {
  const uri = process.env.NEO4J_URI;
  if (uri) return useConfigured(uri);
  const reasons: string[] = [];
  try {
    const container = await tryContainer();
    if (container) return container;
    reasons.push('no container runtime answered');
  } catch (error) {
    reasons.push(`the ${CONTAINER_IMAGE} container did not start: ${reason(error)}`);
  }
  try {
    return await startLauncher();
  } catch (error) {
    reasons.push(`the local Neo4j launcher did not start: ${reason(error)}`);
  }
  throw new Error(`No Neo4j for the tests (set NEO4J_URI to use your own):\n- ${reasons.join('\n- ')}`);
}

/** One database per worker, started side by side; when one fails, the others are stopped. */
async function startPool(count: number): Promise<StartedNeo4j[]> {
  const results = await Promise.allSettled(Array.from({ length: count }, () => startNeo4j()));
  const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((s) => s.stop().catch(() => {})));
    throw failed.reason;
  }
  return started;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const global = globalThis as GlobalWithShared;
  let shared = global[SHARED];
  if (!shared) {
    shared = { started: startPool(testDatabaseCount()), users: 0 };
    global[SHARED] = shared;
    const started = await shared.started;
    console.log(`[neo4j] tests use ${started.map((s) => s.description).join('; ')}`);
  }
  shared.users += 1;
  const started = await shared.started;
  project.provide(
    'neo4jPool',
    started.map((s) => s.target),
  );

  return async () => {
    const state = global[SHARED];
    if (!state || --state.users > 0) return;
    delete global[SHARED];
    await Promise.all(started.map((s) => s.stop()));
  };
}
