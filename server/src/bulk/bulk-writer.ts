import path from 'node:path';
import { BUNDLE_ORDER, type IngestBundle } from '@ion-lineage/contract';
import { badInput, type FieldProblem } from '../errors';
import { contentHash, fieldPath } from '../ingest/engine';
import { SPECS } from '../ingest/entities';
import { PART_WRITERS, type PartContext } from './bulk-parts';
import { BulkTables, type TableFile } from './bulk-tables';
import type { CsvOptions } from './csv-table';

/** What a bulk export wrote: the files for the import and counts per part. */
export interface BulkManifest {
  files: TableFile[];
  counts: Partial<Record<keyof IngestBundle, number>>;
  bundles: number;
  /** PRIMARY deployments, checked for overlapping spans once the store is up. */
  primaryDeploymentIds: string[];
  /** The creation time every imported node carries. */
  createdAt: string;
}

/**
 * Turns contract bundles into the CSV files of `neo4j-admin database import`, one bundle at a
 * time, so memory stays flat whatever the history's size (only tags, model names and model
 * loads are remembered). Each item is checked by the same schema and checks as the ingest
 * engine, hashed the same way (`contentHash`) and turned into the same row (`toRow`), so the
 * imported graph equals the one the API would write.
 *
 * Unlike the API, an id may appear once in the whole back-fill: the import refuses a
 * duplicate node id (an exact replay included) and a reference to a node it does not hold.
 */
export class BulkCsvWriter {
  private readonly tables: BulkTables;
  private readonly ctx: PartContext;
  private readonly counts: Partial<Record<keyof IngestBundle, number>> = {};
  private bundles = 0;

  constructor(dir: string, now: Date = new Date(), options: CsvOptions = {}) {
    this.tables = new BulkTables(dir, options);
    this.ctx = { tables: this.tables, now: now.toISOString(), tags: new Set(), modelNames: new Map(), loads: new Set(), primaries: [] };
  }

  /** Validates and writes one bundle; BAD_USER_INPUT names `bundle[n].part[i].field` of any bad item. */
  async add(bundle: IngestBundle): Promise<void> {
    const at = this.bundles++;
    for (const part of BUNDLE_ORDER) {
      const items = bundle[part];
      if (items === undefined || items === null) continue;
      if (!Array.isArray(items)) throw badInput([{ path: `bundle[${at}].${part}`, message: 'must be a list' }]);
      const spec = SPECS[part] as (typeof SPECS)['principals'];
      const write = PART_WRITERS[part];
      const problems: FieldProblem[] = [];
      const seen = new Map<string, string>();
      items.forEach((raw: unknown, index) => {
        const parsed = spec.schema.safeParse(raw);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) problems.push({ path: `bundle[${at}].${fieldPath(part, index, issue.path)}`, message: issue.message });
          return;
        }
        for (const problem of spec.check?.(parsed.data) ?? [])
          problems.push({ path: `bundle[${at}].${part}[${index}].${problem.path}`, message: problem.message });
        // Within one bundle an exact repeat collapses, as in the engine; across bundles the import refuses it.
        const key = spec.key(parsed.data);
        const hash = contentHash(parsed.data);
        const first = seen.get(key);
        if (first !== undefined) {
          if (first !== hash)
            problems.push({ path: `bundle[${at}].${part}[${index}]`, message: `'${key}' appears earlier in this bundle with different content` });
          return;
        }
        seen.set(key, hash);
        if (problems.length === 0) write(spec.toRow(parsed.data, hash), this.ctx);
      });
      if (problems.length) throw badInput(problems);
      this.counts[part] = (this.counts[part] ?? 0) + seen.size;
    }
    await this.tables.drained();
  }

  /** Closes the files and says what to import. */
  async finish(): Promise<BulkManifest> {
    const files = await this.tables.close();
    return { files, counts: this.counts, bundles: this.bundles, primaryDeploymentIds: this.ctx.primaries, createdAt: this.ctx.now };
  }
}

/**
 * One manifest of several writers that each wrote part of an import (e.g. prediction batches
 * split between workers, with the same `now`): files of the same table become one group.
 */
export function mergeManifests(parts: readonly BulkManifest[]): BulkManifest {
  const groups = new Map<string, TableFile>();
  const counts: BulkManifest['counts'] = {};
  for (const part of parts) {
    for (const file of part.files) {
      const key = `${file.kind}|${path.basename(file.files[0]!)}`;
      const group = groups.get(key);
      if (!group) groups.set(key, { ...file, files: [...file.files] });
      else Object.assign(group, { files: [...group.files, ...file.files], rows: group.rows + file.rows, multiline: group.multiline || file.multiline });
    }
    for (const [name, count] of Object.entries(part.counts)) counts[name as keyof typeof counts] = (counts[name as keyof typeof counts] ?? 0) + count;
  }
  return {
    files: [...groups.values()],
    counts,
    bundles: parts.reduce((n, part) => n + part.bundles, 0),
    primaryDeploymentIds: parts.flatMap((part) => part.primaryDeploymentIds),
    createdAt: parts[0]?.createdAt ?? new Date().toISOString(),
  };
}
