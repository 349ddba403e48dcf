import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { ensureLauncherBuilt, launcherClassPath } from '../neo4j/local-neo4j';
import type { TableFile } from './bulk-tables';
import { ARRAY_DELIMITER_ARG } from './csv-table';

/** Memory of the import process: its JVM heap and the off-heap caches of the import tool. */
export interface ImportMemory {
  /** `-Xmx` of the import JVM, e.g. `2g`. */
  heap: string;
  /** `--max-off-heap-memory`, e.g. `3g` (the tool's default, 90% of RAM, is wrong on a shared machine). */
  offHeap: string;
  /** More JVM options, e.g. `-XX:TieredStopAtLevel=1` for a small import where JIT time dominates. */
  jvmOptions?: readonly string[];
}

export const DEFAULT_IMPORT_MEMORY: ImportMemory = { heap: '1g', offHeap: '2g' };

/** What the import tool said it did. */
export interface AdminImportResult {
  seconds: number;
  nodes: number;
  relationships: number;
  /** The last lines of the tool's output (its summary). */
  summary: string[];
}

/** The import tool's arguments for these files (one `--nodes`/`--relationships` per file). */
export function importArguments(files: readonly TableFile[], reportFile: string): string[] {
  const multiline = files.filter((f) => f.multiline).flatMap((f) => f.files);
  return [
    'database',
    'import',
    'full',
    // The database name first: the list-valued options below would swallow it.
    'neo4j',
    `--array-delimiter=${ARRAY_DELIMITER_ARG}`,
    // Fault-free data only: a duplicate id or a dangling reference fails the import.
    '--bad-tolerance=0',
    '--skip-duplicate-nodes=false',
    '--skip-bad-relationships=false',
    '--strict=true',
    // Files of one group written by parallel workers each start with the header.
    '--auto-skip-subsequent-headers=true',
    '--overwrite-destination=false',
    `--report-file=${reportFile}`,
    ...(multiline.length ? ['--multiline-fields-format=v2', `--multiline-fields=${multiline.join(',')}`] : []),
    ...files.filter((f) => f.rows > 0).map((f) => `--${f.kind}=${f.name}=${f.files.join(',')}`),
  ];
}

/**
 * Runs `neo4j-admin database import full` (the tool ships in the jars the launcher already
 * uses) into `storeDir`, the launcher's data directory, which must hold no database yet: the
 * tool refuses to write over one. Rejects with the tool's last lines when it fails.
 */
export async function runAdminImport(
  files: readonly TableFile[],
  storeDir: string,
  memory: ImportMemory = DEFAULT_IMPORT_MEMORY,
  onOutput: (line: string) => void = () => {},
): Promise<AdminImportResult> {
  ensureLauncherBuilt((message) => onOutput(message));
  const confDir = path.join(storeDir, 'conf');
  fs.mkdirSync(confDir, { recursive: true });
  const reportFile = path.join(storeDir, 'import.report');
  const started = performance.now();
  const args = [
    `-Xmx${memory.heap}`,
    '-XX:+UseG1GC',
    ...(memory.jvmOptions ?? []),
    '-cp',
    launcherClassPath(),
    'org.neo4j.cli.AdminTool',
    ...importArguments(files, reportFile),
  ];
  args.splice(args.indexOf('neo4j') + 1, 0, `--max-off-heap-memory=${memory.offHeap}`);
  const child = spawn('java', args, { env: { ...process.env, NEO4J_HOME: storeDir, NEO4J_CONF: confDir }, stdio: ['ignore', 'pipe', 'pipe'] });
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > 30) recent.shift();
    onOutput(line);
  };
  readline.createInterface({ input: child.stdout }).on('line', remember);
  readline.createInterface({ input: child.stderr }).on('line', remember);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  const output = recent.join('\n');
  if (code !== 0) throw new Error(`neo4j-admin database import failed (exit ${code}):\n${output}`);
  const count = (what: string) => Number(new RegExp(`(\\d+) ${what}`).exec(output)?.[1] ?? NaN);
  return { seconds: (performance.now() - started) / 1000, nodes: count('nodes'), relationships: count('relationships'), summary: recent.slice(-8) };
}
