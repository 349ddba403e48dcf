/**
 * Setup file of the database test projects: after each file that declared it only reads the
 * worker's shared seeded graph, checks that it left it as it found it (test/support/shared-graph.ts).
 * Registered here, before the file's own hooks, so it runs after them.
 */
import { afterAll } from 'vitest';
import { checkSharedGraph, noteFileStarted } from '../support/shared-graph';

noteFileStarted();

afterAll(async () => {
  await checkSharedGraph();
});
