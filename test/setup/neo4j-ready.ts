/**
 * Setup file of the database test projects: waits until the run's test databases answer. The
 * global setup starts the local launcher's databases in the background, while the unit tests
 * run, and writes a status file once they are up or one failed (test/setup/neo4j.global.ts);
 * from the second test file of a worker on, this is one file read.
 */
import fs from 'node:fs';
import { inject } from 'vitest';

const WAIT_MS = 600_000;

/** The status file's content, or '' while there is none. */
function readStatus(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

const file = inject('neo4jStatusFile');
const deadline = Date.now() + WAIT_MS;
for (;;) {
  const status = readStatus(file);
  if (status === 'ready') break;
  if (status.startsWith('failed')) throw new Error(`The test databases did not start: ${status}`);
  if (Date.now() > deadline) throw new Error(`The test databases did not answer within ${WAIT_MS / 1000} s`);
  await new Promise((resolve) => setTimeout(resolve, 100));
}
