/**
 * `npx tsx test/setup/refresh-durations.ts [test-artifacts/file-timings.json]`: rewrites the
 * table of test/setup/durations.ts from a whole-suite run's file timings (written by
 * test/setup/file-timings.reporter.ts, which `.ci/run` uses): each database or browser file's
 * import, tests and hooks, in whole seconds, for the files above the default.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SECONDS } from './durations';
import type { FileTiming } from './file-timings.reporter';

const source = process.argv[2] ?? 'test-artifacts/file-timings.json';
const { files } = JSON.parse(fs.readFileSync(source, 'utf8')) as { files: FileTiming[] };
const rows = files
  .filter((timing) => timing.project !== 'unit')
  .map((timing) => [timing.file, Math.round(timing.collect + timing.run)] as const)
  .filter(([, seconds]) => seconds > DEFAULT_SECONDS)
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
if (rows.length === 0) throw new Error(`${source} holds no database or browser file slower than ${DEFAULT_SECONDS} s`);

const table = path.join(path.dirname(fileURLToPath(import.meta.url)), 'durations.ts');
const text = fs.readFileSync(table, 'utf8');
const start = text.indexOf('export const FILE_SECONDS');
const body = rows.map(([file, seconds]) => `  '${file}': ${seconds},`).join('\n');
fs.writeFileSync(table, `${text.slice(0, start)}export const FILE_SECONDS: Readonly<Record<string, number>> = {\n${body}\n};\n`);
console.log(`${table}: ${rows.length} files from ${source}`);
