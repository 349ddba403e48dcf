import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { IngestBundle } from '@ion-lineage/contract';
import { badInput } from '../errors';
import { type AdminImportResult, DEFAULT_IMPORT_MEMORY, type ImportMemory, runAdminImport } from './admin-import';
import { BulkCsvWriter, type BulkManifest } from './bulk-writer';

export interface BulkImportOptions {
  /** The launcher data directory to create; it must not hold a database yet. */
  storeDir: string;
  /** Where the CSV files go (default: `<storeDir>/import`); deleted after a successful import unless `keepCsv`. */
  csvDir?: string;
  keepCsv?: boolean;
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

/**
 * Writes `bundles` as CSV and runs the import tool into a new store. The store is not usable
 * until `finishBulkImport` has run on it (schema, derived state, audit entry).
 */
export async function importBundles(bundles: AsyncIterable<IngestBundle> | Iterable<IngestBundle>, options: BulkImportOptions): Promise<BulkImportResult> {
  if (fs.existsSync(databaseDir(options.storeDir))) {
    throw badInput([{ path: 'store', message: `${options.storeDir} already holds a database; a bulk import writes a new store only` }]);
  }
  const csvDir = options.csvDir ?? path.join(options.storeDir, 'import');
  fs.mkdirSync(csvDir, { recursive: true });
  const started = performance.now();
  const writer = new BulkCsvWriter(csvDir);
  let count = 0;
  for await (const bundle of bundles) {
    await writer.add(bundle);
    options.onBundle?.(++count);
  }
  const manifest = await writer.finish();
  const exportSeconds = (performance.now() - started) / 1000;
  const admin = await runAdminImport(manifest.files, options.storeDir, options.memory ?? DEFAULT_IMPORT_MEMORY, options.onOutput);
  if (!options.keepCsv) fs.rmSync(csvDir, { recursive: true, force: true });
  return { manifest, exportSeconds, admin };
}
