import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { IngestBundle } from '@ion-lineage/contract';
import { badInput } from '../errors';
import { type AdminImportResult, DEFAULT_IMPORT_MEMORY, type ImportMemory, runAdminImport } from './admin-import';
import { BulkCsvWriter, type BulkManifest } from './bulk-writer';
import type { CsvOptions } from './csv-table';

export interface BulkImportOptions {
  /** The launcher data directory to create; it must not hold a database yet. */
  storeDir: string;
  /** Where the CSV files go (default: `<storeDir>/import`); deleted after the import unless `keepCsv`. */
  csvDir?: string;
  keepCsv?: boolean;
  /** gzip the CSV files: for a back-fill whose CSV would not fit on disk beside its store. */
  compressCsv?: boolean;
  memory?: ImportMemory;
  onOutput?: (line: string) => void;
  /** Called after each bundle with the number of bundles written so far. */
  onBundle?: (bundles: number) => void;
}

export interface BulkImportResult {
  manifest: BulkManifest;
  /** Time to validate the bundles and write the CSV files. */
  exportSeconds: number;
  admin: AdminImportResult;
}

/** The database directory the launcher (and the import tool) use under a data directory. */
export function databaseDir(storeDir: string): string {
  return path.join(storeDir, 'data', 'databases', 'neo4j');
}

/** Reads newline-delimited JSON bundles one line at a time; BAD_USER_INPUT names a line that is no JSON object. */
export async function* readBundles(file: string): AsyncGenerator<IngestBundle> {
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (!line.trim()) continue;
    let bundle: unknown;
    try {
      bundle = JSON.parse(line);
    } catch (error) {
      throw badInput([{ path: `line ${number}`, message: `is not JSON: ${(error as Error).message}` }]);
    }
    if (bundle === null || typeof bundle !== 'object' || Array.isArray(bundle))
      throw badInput([{ path: `line ${number}`, message: 'must be a bundle object' }]);
    yield bundle as IngestBundle;
  }
}

/** SHA-256 of a file, streamed: names the exact source of an import in its audit entry. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Refuses a store that already holds a database: the import tool writes new stores only. */
export function checkStoreIsNew(storeDir: string): void {
  if (fs.existsSync(databaseDir(storeDir))) {
    throw badInput([{ path: 'store', message: `${storeDir} already holds a database; a bulk import writes a new store only` }]);
  }
}

/** Validates `bundles` and writes them as CSV into `csvDir`, one bundle at a time. */
export async function exportBundles(
  bundles: AsyncIterable<IngestBundle> | Iterable<IngestBundle>,
  csvDir: string,
  onBundle?: (bundles: number) => void,
  now?: Date,
  options: CsvOptions = {},
): Promise<BulkManifest> {
  fs.mkdirSync(csvDir, { recursive: true });
  const writer = new BulkCsvWriter(csvDir, now, options);
  let count = 0;
  for await (const bundle of bundles) {
    await writer.add(bundle);
    onBundle?.(++count);
  }
  return writer.finish();
}

/** Runs the import tool on exported CSV into a new store, then deletes the CSV (even on failure) unless kept. */
export async function importCsv(manifest: BulkManifest, csvDirs: readonly string[], options: BulkImportOptions): Promise<AdminImportResult> {
  checkStoreIsNew(options.storeDir);
  try {
    return await runAdminImport(manifest.files, options.storeDir, options.memory ?? DEFAULT_IMPORT_MEMORY, options.onOutput);
  } finally {
    // The CSV holds subject data in clear: it does not outlive the import, failed or not, unless asked.
    if (!options.keepCsv) for (const dir of csvDirs) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Writes `bundles` as CSV and runs the import tool into a new store. The store is not usable
 * until `finishBulkImport` has run on it (schema, derived state, audit entry).
 */
export async function importBundles(bundles: AsyncIterable<IngestBundle> | Iterable<IngestBundle>, options: BulkImportOptions): Promise<BulkImportResult> {
  checkStoreIsNew(options.storeDir);
  const csvDir = options.csvDir ?? path.join(options.storeDir, 'import');
  const started = performance.now();
  const manifest = await exportBundles(bundles, csvDir, options.onBundle, undefined, { compress: options.compressCsv }).catch((error: unknown) => {
    if (!options.keepCsv) fs.rmSync(csvDir, { recursive: true, force: true });
    throw error;
  });
  const exportSeconds = (performance.now() - started) / 1000;
  const admin = await importCsv(manifest, [csvDir], options);
  return { manifest, exportSeconds, admin };
}
