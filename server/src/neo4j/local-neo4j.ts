import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { REPO_ROOT } from '../config';

const LAUNCHER_DIR = path.join(REPO_ROOT, 'neo4j-launcher');
const TARGET_DIR = path.join(LAUNCHER_DIR, 'target');
const STAMP_FILE = path.join(TARGET_DIR, 'build.stamp');
const READY_TIMEOUT_MS = 180_000;

export interface LocalNeo4jOptions {
  dataDir: string;
  /** Bolt port on 127.0.0.1; 0 picks a free one. */
  port: number;
  pageCache?: string;
  /** JVM heap (`-Xmx`), e.g. `4g`; default 2g. */
  heap?: string;
  /** More JVM options, e.g. `-XX:TieredStopAtLevel=1` for a short-lived database that should start cheaply. */
  jvmOptions?: readonly string[];
  /**
   * More databases served by the same JVM, each with its own data folder and port (0 picks a
   * free one): separate stores that share one JVM's compiled code, as the test workers' do.
   */
  alsoServe?: ReadonlyArray<{ dataDir: string; port: number }>;
  /** More neo4j.conf settings by name, e.g. `{ 'dbms.cypher.min_replan_interval': '1h' }`. */
  settings?: Readonly<Record<string, string>>;
  /** Where the database's own output goes; defaults to the parent's stderr only on failure. */
  onOutput?: (line: string) => void;
}

export interface LocalNeo4j {
  uri: string;
  /** Every database's URI: `uri` first, then one per `alsoServe` entry. */
  uris: string[];
  pid: number;
  /** A clean shutdown (the stores are checkpointed); stopping twice is harmless. */
  stop(): Promise<void>;
  /** Ends the JVM at once, for stores that are thrown away next (a clean stop of two took 4.6 s). */
  kill(): Promise<void>;
}

/** A clear, actionable message when the local Neo4j cannot be built or started. */
export class LocalNeo4jError extends Error {}

function commandWorks(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  hash.update(fs.readFileSync(path.join(LAUNCHER_DIR, 'pom.xml')));
  const sources = path.join(LAUNCHER_DIR, 'src');
  for (const file of fs.readdirSync(sources, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(sources, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

/**
 * Builds the Java launcher with Maven once; later calls reuse the build while the launcher's
 * sources are unchanged. The Neo4j jars come from Maven Central into the local Maven cache.
 */
export function ensureLauncherBuilt(log: (message: string) => void = () => {}): void {
  const wanted = sourceHash();
  if (fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, 'utf8') === wanted) return;
  if (!commandWorks('java', ['-version'])) {
    throw new LocalNeo4jError(
      'Java 17+ is needed to run the local Neo4j (install OpenJDK 17, e.g. `apt-get install openjdk-17-jdk-headless`), ' +
        'or set NEO4J_URI to use a Neo4j you already run.',
    );
  }
  if (!commandWorks('mvn', ['-v'])) {
    throw new LocalNeo4jError(
      'Maven is needed to fetch Neo4j for the local database (install it, e.g. `apt-get install maven`), ' + 'or set NEO4J_URI to use a Neo4j you already run.',
    );
  }
  log('Building the local Neo4j launcher with Maven (first run downloads Neo4j 5.26 from Maven Central)...');
  const build = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], { cwd: LAUNCHER_DIR, encoding: 'utf8' });
  if (build.status !== 0) {
    throw new LocalNeo4jError(`Building the local Neo4j launcher failed:\n${build.stdout}\n${build.stderr}`);
  }
  fs.writeFileSync(STAMP_FILE, wanted);
}

/** The launcher's class path: Neo4j's jars, its admin tools (`org.neo4j.cli.AdminTool`) included. */
export function launcherClassPath(): string {
  return [path.join(TARGET_DIR, 'classes'), path.join(TARGET_DIR, 'lib', '*')].join(path.delimiter);
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function waitForReady(child: ChildProcess, onOutput: (line: string) => void): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const recent: string[] = [];
    const timer = setTimeout(() => fail(`no ready line within ${READY_TIMEOUT_MS / 1000}s`), READY_TIMEOUT_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new LocalNeo4jError(`Local Neo4j did not start: ${why}\n${recent.join('\n')}`));
    };
    const remember = (line: string) => {
      recent.push(line);
      if (recent.length > 40) recent.shift();
      onOutput(line);
    };
    readline.createInterface({ input: child.stderr! }).on('line', remember);
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      remember(line);
      const match = /^NEO4J_READY (.+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!.split(' '));
      }
    });
    child.once('exit', (code, signal) => fail(`process exited (code ${code}, signal ${signal})`));
  });
}

/**
 * Starts an embedded Neo4j 5.26 Community on loopback and resolves once Bolt answers.
 * The child exits when our stdin pipe closes, so a crashed parent leaves no orphan database.
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  // eslint-disable-next-line no-console -- build progress goes to stderr unless the caller takes it
  ensureLauncherBuilt((message) => (options.onOutput ?? console.error)(message));
  const port = options.port === 0 ? await freePort() : options.port;
  const alsoServe = await Promise.all((options.alsoServe ?? []).map(async (more) => ({ ...more, port: more.port === 0 ? await freePort() : more.port })));
  for (const dataDir of [options.dataDir, ...alsoServe.map((more) => more.dataDir)]) fs.mkdirSync(dataDir, { recursive: true });
  const classPath = launcherClassPath();
  const args = [
    '-Xms256m',
    `-Xmx${options.heap ?? '2g'}`,
    '-XX:+UseG1GC',
    ...(options.jvmOptions ?? []),
    '-cp',
    classPath,
    'ion.lineage.launcher.Launcher',
    '--data',
    options.dataDir,
    '--port',
    String(port),
    ...alsoServe.flatMap((more) => ['--also', more.dataDir, String(more.port)]),
    '--pagecache',
    options.pageCache ?? '512m',
    ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['--setting', `${name}=${value}`]),
    '--exit-on-stdin-close',
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const uris = await waitForReady(child, options.onOutput ?? (() => {}));
  let stopping: Promise<void> | undefined;
  const end = (signal: NodeJS.Signals) =>
    (stopping ??= new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
      // A stuck shutdown must not hang the caller forever.
      setTimeout(() => child.kill('SIGKILL'), 60_000).unref();
    }));
  return {
    uri: uris[0]!,
    uris,
    pid: child.pid!,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
}
