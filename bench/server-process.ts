import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../server/src/config';
import { signJwt } from '../server/src/auth/jwt';
import { Role } from '../server/src/auth/roles';
import { freePort } from '../server/src/neo4j/local-neo4j';

export interface ServerProcess {
  url: string;
  /** An ADMIN JWT the server accepts (the bench signs its own with a per-run secret). */
  /** ADMIN and INVESTIGATOR: may do everything and sees subject data in clear. */
  token: string;
  /** ADMIN only: restricted data comes back masked or withheld. */
  unclearedToken: string;
  /** An ADMIN JWT for another caller (`sub`), for benches that need two principals. */
  tokenFor(sub: string): Promise<string>;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the real server as its own process (so its memory is measured apart) on a free port;
 * `env` adds settings (e.g. AUDIT_READS), `nodeArgs` Node options (e.g. `--cpu-prof`), `root` the
 * checkout whose server runs (another one to compare against; this one by default).
 */
export async function startServerProcess(
  neo4jUri: string,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
  root: string = REPO_ROOT,
): Promise<ServerProcess> {
  const port = await freePort();
  const secret = randomBytes(32).toString('hex');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(root, 'server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      NEO4J_URI: neo4jUri,
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: 'local',
      PORT: String(port),
      SEED_ON_EMPTY: 'false',
      LOG_LEVEL: 'warn',
      AUTH_JWT_SECRET: secret,
      AUTH_DEMO_TOKEN: 'false',
      // The bench database's audit checkpoints must not land in the developer's own checkpoint file.
      AUDIT_CHECKPOINT_FILE: path.join(os.tmpdir(), `ion-bench-audit-${port}.jsonl`),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('server not ready within 120 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const key = { secret: new TextEncoder().encode(secret) };
  const tokenFor = (sub: string) => signJwt({ sub, roles: [Role.ADMIN] }, key, '24h');
  // Cleared for subject data, as an investigator: `why` by subject key needs it.
  const token = await signJwt({ sub: 'bench', roles: [Role.ADMIN, Role.INVESTIGATOR] }, key, '24h');
  const unclearedToken = await tokenFor('bench-uncleared');
  return {
    url: `${base}/graphql`,
    token,
    unclearedToken,
    tokenFor,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
