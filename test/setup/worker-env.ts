/**
 * Per-worker files for the database tests: each worker has its own database, so the audit
 * checkpoints and model artifacts written against it go to files of its own (never beside the
 * developer's data, never mixed with another worker's).
 */
import os from 'node:os';
import path from 'node:path';

const run = `${process.ppid}-w${process.env.VITEST_POOL_ID ?? 1}`;
process.env.AUDIT_CHECKPOINT_FILE = path.join(os.tmpdir(), `ion-lineage-test-checkpoints-${run}.jsonl`);
process.env.ARTIFACT_DIR = path.join(os.tmpdir(), `ion-lineage-test-artifacts-${run}`);
