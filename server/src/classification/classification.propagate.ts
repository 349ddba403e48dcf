/**
 * Pure propagation rules: how the classified sources found upstream of a node become its
 * classification, with the reason. The service does the I/O (classification.service.ts).
 */
import { asLevel, type Level, rank, strictest } from './classification.levels';

/** A classified dataset or feature upstream of a node, and how it is reached. */
export interface ClassificationSource {
  id: string;
  type: 'Dataset' | 'Feature';
  name: string | null;
  level: Level | null;
  /** How the source is reached, outermost step first, e.g. `MODEL/ENSEMBLE_MEMBER/TRAINING_DATA`. */
  pathKind: string;
  /** Node ids from the classified node to the source. */
  path: string[];
}

/** A node's classification: the strictest level found and why. */
export interface NodeClassificationData {
  nodeId: string;
  nodeType: string;
  /** Null when nothing classified was found upstream. */
  level: Level | null;
  /** The sources, strictest first (at most MAX_SOURCES). */
  sources: ClassificationSource[];
  sourceCount: number;
  reason: string;
}

export const MAX_SOURCES = 50;

/** A source as the run-sources query returns it. */
export interface RunSourceRow {
  kind: 'TRAINING_DATA' | 'TRAINING_FEATURE';
  viaId: string | null;
  id: string;
  type: 'Dataset' | 'Feature';
  name: string | null;
  classification: unknown;
}

/** The sources of a model version, from its training runs (members' runs through the ensemble). */
export function modelVersionSources(
  runs: ReadonlyArray<{ versions: string[]; runId: string }>,
  runSources: ReadonlyMap<string, readonly RunSourceRow[]>,
): ClassificationSource[] {
  const out: ClassificationSource[] = [];
  for (const { versions, runId } of runs) {
    for (const row of runSources.get(runId) ?? []) {
      out.push({
        id: row.id,
        type: row.type,
        name: row.name,
        level: asLevel(row.classification),
        pathKind: `${versions.length > 1 ? 'ENSEMBLE_MEMBER/' : ''}${row.kind}`,
        path: [...versions, runId, ...(row.viaId ? [row.viaId] : []), row.id],
      });
    }
  }
  return out;
}

/** A source seen from one step further down (a prediction through its model version). */
export function through(prefix: string, fromId: string, sources: readonly ClassificationSource[]): ClassificationSource[] {
  return sources.map((s) => ({ ...s, pathKind: `${prefix}/${s.pathKind}`, path: [fromId, ...s.path] }));
}

/** Combines sources into a classification: strictest wins; sources listed strictest first, deduplicated. */
export function combine(nodeId: string, nodeType: string, sources: readonly ClassificationSource[]): NodeClassificationData {
  const unique = new Map<string, ClassificationSource>();
  for (const s of sources) if (s.level !== null) unique.set(`${s.pathKind}|${s.path.join('>')}`, s);
  const all = [...unique.values()].sort((a, b) => rank(b.level) - rank(a.level) || a.path.length - b.path.length || a.id.localeCompare(b.id));
  const level = strictest(all.map((s) => s.level));
  return { nodeId, nodeType, level, sources: all.slice(0, MAX_SOURCES), sourceCount: all.length, reason: reasonFor(nodeType, level, all) };
}

/** Plain words: why the node has its level. */
export function reasonFor(nodeType: string, level: Level | null, sources: readonly ClassificationSource[]): string {
  if (level === null) return `No classified dataset or feature found upstream of this ${nodeType}.`;
  const top = sources.filter((s) => s.level === level);
  const first = top[0]!;
  const name = (s: ClassificationSource) => `${s.type} '${s.name ?? s.id}'`;
  if (first.pathKind === 'OWN') return `${level}: recorded on the ${nodeType} itself.`;
  const distinct = [...new Set(top.map(name))];
  const more = distinct.length > 1 ? ` and ${distinct.length - 1} more source${distinct.length > 2 ? 's' : ''}` : '';
  return `${level} (strictest upstream): ${name(first)} reached through ${first.pathKind} (${first.path.join(' → ')})${more}.`;
}
