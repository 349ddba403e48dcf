import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { LongPolesFirst } from './test/setup/sequencer';
import { testDatabaseCount } from './test/setup/test-databases';

const root = path.dirname(fileURLToPath(import.meta.url));
/** The workspace packages from source, as tsconfig.json's `paths` map them for tsc and tsx. */
const workspacePackages = [
  { find: /^@ion-lineage\/contract$/, replacement: path.join(root, 'packages/contract/src/index.ts') },
  { find: /^@ion-lineage\/contract\/schemas$/, replacement: path.join(root, 'packages/contract/src/schemas.ts') },
  { find: /^@ion-lineage\/sdk$/, replacement: path.join(root, 'sdk/src/index.ts') },
];

/** Never test files from dependencies, the Java launcher's build or local data. */
const ignored = ['**/node_modules/**', 'neo4j-launcher/**', '.data/**', '**/dist/**'];

/**
 * Tests that talk to Neo4j (and the browser tests) get one database per worker (started once by the global setup): a
 * file runs alone on its worker's database, files on other workers run beside it. Room is left
 * for a cold database start and slow shared machines.
 */
const database = {
  globalSetup: ['test/setup/neo4j.global.ts', 'test/setup/venvs.global.ts'],
  // Each file waits for the databases (started in the background while the unit tests run);
  // audit checkpoints and model artifacts of each worker's database land in its own temporary files;
  // a file that shares the worker's seeded graph is checked afterwards for leaving it unchanged.
  setupFiles: ['test/setup/neo4j-ready.ts', 'test/setup/worker-env.ts', 'test/setup/shared-graph-check.ts'],
  testTimeout: 120_000,
  hookTimeout: 300_000,
};

export default defineConfig({
  resolve: {
    // One copy of graphql: Vite would pick its ES build for our files while type-graphql,
    // loaded by Node, gets the CommonJS build, and `instanceof GraphQLScalarType` then fails.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }, ...workspacePackages],
  },
  test: {
    // One worker per test database: the pool is shared by every project (test/setup/test-databases.ts).
    maxWorkers: testDatabaseCount(),
    // A worker keeps its loaded modules from one file to the next (files still run one at a
    // time per worker, each with its own hooks): importing the server per file cost 3-5 s each.
    isolate: false,
    sequence: { sequencer: LongPolesFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['**/*.test.{ts,tsx}'],
          exclude: [...ignored, '**/*.int.test.ts', 'test/e2e/**'],
          // Beside the database tests rather than before them: a pool of its own (threads; the
          // database tests have the forks) in their group, so the first database files start
          // at once instead of after the last unit file.
          pool: 'threads',
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          environment: 'node',
          // The browser tests too (test/e2e/): one project, so they queue with the other database
          // files. Without isolation vitest runs each project's files after the previous
          // project's have all ended (and restarts the workers), so a project of their own waited
          // for the slowest int file while the other worker idled.
          include: ['**/*.int.test.ts', 'test/e2e/**/*.test.ts'],
          exclude: ignored,
          ...database,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
