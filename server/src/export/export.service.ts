import type { Principal } from '../auth/principal';
import { mustMask, seesRestricted } from '../classification/masking';
import type { RestrictedDataGuard } from '../classification/restricted-data.guard';
import { RESTRICTED_DATA_RULES } from '../classification/restricted.policy';
import { badInput, type FieldProblem } from '../errors';
import type { LineageService } from '../lineage/lineage.service';
import { type LineageDirection, MAX_DEPTH } from '../lineage/lineage.traverse';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportEdge, type ExportFormat, type ExportGraph, type ExportNode, render } from './export.formats';
import { type ExportEnvelope, type ExportManifest, type ExportSigner, sha256Hex } from './export.signing';

export interface ExportRequest {
  rootId: string;
  direction?: LineageDirection;
  depth?: number;
  format?: ExportFormat;
  /** Largest neighbour group exported whole; bigger ones are counted, not listed. */
  neighbourLimit?: number;
}

/** Node types an export may start from. */
export const EXPORT_ROOT_TYPES = ['Prediction', 'ModelVersion', 'Dataset'] as const;
export const EXPORT_NEIGHBOUR_LIMIT = { min: 1, max: 500, default: 100 };
const DIRECTIONS: readonly LineageDirection[] = ['UPSTREAM', 'DOWNSTREAM', 'BOTH'];

/**
 * Signed subgraph exports. The walk is the lineage walk (depth ≤ 10, at most 2,000 nodes, groups
 * over `neighbourLimit` counted as aggregates), so an export is bounded whatever the graph's
 * size. Predictions the caller may not see (PII/PHI without clearance) are left out and
 * counted; the root, which the caller named, is kept with its subject key and inputs masked.
 */
/** The latest recorded replay of each prediction (see `ReplayService.latest`). */
export type ReplayOutcomes = (
  predictionIds: readonly string[],
) => Promise<Map<string, { verdict: string; missing: string | null; at: string; replays: number; modelVersionIds: string[] }>>;

export class ExportService {
  constructor(
    private readonly lineage: LineageService,
    private readonly guard: RestrictedDataGuard,
    readonly signer: ExportSigner,
    private readonly replayOutcomes?: ReplayOutcomes,
  ) {}

  /** Each exported prediction's recorded replay, as a ReplayOutcome node linked by REPLAYED_AS. */
  private async withReplays(graph: ExportGraph): Promise<void> {
    const predictions = graph.nodes.filter((n) => n.type === 'Prediction').map((n) => n.id);
    if (!this.replayOutcomes || predictions.length === 0) return;
    for (const [predictionId, outcome] of await this.replayOutcomes(predictions)) {
      const id = `replay:${predictionId}`;
      graph.nodes.push({ id, type: 'ReplayOutcome', label: `replay ${outcome.verdict}`, properties: { ...outcome, missing: outcome.missing ?? null } });
      graph.edges.push({ source: predictionId, target: id, type: 'REPLAYED_AS', properties: {} });
    }
  }

  async exportSubgraph(request: ExportRequest, principal: Principal | undefined, now: Date = new Date()): Promise<ExportEnvelope> {
    const { direction, depth, format, neighbourLimit } = validate(request);
    const walk = await this.lineage.lineage({ nodeId: request.rootId, direction, depth, neighbourLimit });
    if (!(EXPORT_ROOT_TYPES as readonly string[]).includes(walk.root.type)) {
      throw badInput([{ path: 'rootId', message: `'${request.rootId}' is a ${walk.root.type}; exports start from a ${EXPORT_ROOT_TYPES.join(', ')}` }]);
    }
    const real = walk.nodes.filter((n) => n.type !== 'Aggregate');
    const levels = await this.guard.predictionLevels(
      real.filter((n) => n.type === 'Prediction').map((n) => n.id),
      principal,
    );
    const hidden = new Set(
      real.filter((n) => n.type === 'Prediction' && n.id !== walk.root.id && levels && mustMask(principal, levels.get(n.id) ?? null)).map((n) => n.id),
    );
    const kept = real.filter((n) => !hidden.has(n.id));
    const ids = new Set(kept.map((n) => n.id));
    const edges = walk.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
    const reachable = reach(walk.root.id, edges);
    // The same rules as the schema's @Restricted fields: masked predictions, and event text withheld.
    const restrict = (n: (typeof kept)[number]) =>
      n.type === 'Prediction' ? Boolean(levels) && mustMask(principal, levels!.get(n.id) ?? null) : !seesRestricted(principal);
    const nodes: ExportNode[] = kept.filter((n) => reachable.has(n.id)).map((n) => (restrict(n) ? this.guard.policy.node(n) : n));
    const graph: ExportGraph = {
      rootId: walk.root.id,
      nodes: nodes.map(({ id, type, label, properties }) => ({ id, type, label, properties })),
      edges: edges
        .filter((e) => reachable.has(e.source) && reachable.has(e.target))
        .map(({ source, target, type, properties }): ExportEdge => ({ source, target, type, properties })),
    };
    await this.withReplays(graph);
    // Groups hanging off nodes that were left out are left out too (their node ids would leak).
    const exported = new Set(graph.nodes.map((n) => n.id));
    const groups = walk.truncated.filter((t) => exported.has(t.nodeId));
    const behindLeftOut = walk.truncated.filter((t) => !exported.has(t.nodeId)).reduce((n, t) => n + t.count, 0);
    const content = render(format, graph);
    const nodesByType: Record<string, number> = {};
    for (const n of graph.nodes) nodesByType[n.type] = (nodesByType[n.type] ?? 0) + 1;
    const unsigned: ExportManifest = {
      format: 'ion-lineage-export/1',
      query: 'exportSubgraph',
      parameters: { rootId: request.rootId, direction, depth, format, neighbourLimit },
      generatedAt: now.toISOString(),
      generatedBy: { id: principal?.id ?? 'anonymous', name: principal?.name ?? 'anonymous', roles: [...(principal?.roles ?? [])] },
      contentType: CONTENT_TYPES[format],
      contentSha256: sha256Hex(content),
      contentBytes: Buffer.byteLength(content, 'utf8'),
      counts: { nodes: graph.nodes.length, edges: graph.edges.length, nodesByType },
      omitted: {
        restricted: hidden.size,
        unreachable: kept.length - graph.nodes.length + behindLeftOut,
        aggregated: groups.reduce((n, t) => n + t.count, 0),
        groups: groups.map((t) => ({ nodeId: t.nodeId, relType: t.relType, type: t.type, count: t.count })),
        nodeLimitReached: walk.nodeLimitReached,
      },
      masked: seesRestricted(principal)
        ? 0
        : graph.nodes.filter((n) => n.type === 'Prediction' && typeof n.properties.subjectKey === 'string' && n.properties.subjectKey.startsWith('masked:'))
            .length,
      // Says what an uncleared caller's file holds instead of restricted data (absent when cleared).
      ...(seesRestricted(principal) ? {} : { restrictedData: RESTRICTED_DATA_RULES }),
      signature: { algorithm: 'Ed25519', keyId: this.signer.keyId },
    };
    return { manifest: unsigned, signature: this.signer.sign(unsigned), content };
  }
}

function validate(request: ExportRequest): { direction: LineageDirection; depth: number; format: ExportFormat; neighbourLimit: number } {
  const problems: FieldProblem[] = [];
  const depth = request.depth ?? 3;
  const direction = request.direction ?? 'UPSTREAM';
  const format = request.format ?? 'JSON';
  const neighbourLimit = request.neighbourLimit ?? EXPORT_NEIGHBOUR_LIMIT.default;
  if (!request.rootId) problems.push({ path: 'rootId', message: 'must not be empty' });
  // Unlike the explorer, an export never silently walks less than asked: too deep is an error.
  if (!Number.isInteger(depth) || depth < 0 || depth > MAX_DEPTH)
    problems.push({ path: 'depth', message: `must be an integer from 0 to ${MAX_DEPTH}, got ${depth}` });
  if (!DIRECTIONS.includes(direction)) problems.push({ path: 'direction', message: `must be one of ${DIRECTIONS.join(', ')}` });
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) problems.push({ path: 'format', message: `must be one of ${EXPORT_FORMATS.join(', ')}` });
  if (!Number.isInteger(neighbourLimit) || neighbourLimit < EXPORT_NEIGHBOUR_LIMIT.min || neighbourLimit > EXPORT_NEIGHBOUR_LIMIT.max) {
    problems.push({ path: 'neighbourLimit', message: `must be an integer from ${EXPORT_NEIGHBOUR_LIMIT.min} to ${EXPORT_NEIGHBOUR_LIMIT.max}` });
  }
  if (problems.length) throw badInput(problems);
  return { direction, depth, format, neighbourLimit };
}

/** Node ids connected to the root over the kept edges (either direction). */
function reach(rootId: string, edges: readonly { source: string; target: string }[]): Set<string> {
  const adjacent = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    const list = adjacent.get(from);
    if (list) list.push(to);
    else adjacent.set(from, [to]);
  };
  for (const e of edges) {
    link(e.source, e.target);
    link(e.target, e.source);
  }
  const seen = new Set([rootId]);
  const queue = [rootId];
  while (queue.length) {
    for (const next of adjacent.get(queue.pop()!) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}
