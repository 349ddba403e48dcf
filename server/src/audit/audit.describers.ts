/**
 * What each audited read records: the prediction and model-version ids a root field returned
 * (a bounded sample; counts and aggregate groups in details). Used by `@Audited(...)` on the
 * resolvers; pure, so they are unit-tested without GraphQL.
 */
import type { AuditDescriber } from './audit.declare';
import { MAX_TARGETS } from './audit.verify';

type Node = { id?: unknown; type?: unknown; aggregate?: { relType?: unknown; of?: unknown; count?: unknown } | null };
/** Aggregate groups kept in details per entry. */
const MAX_GROUPS = 20;

const idsOf = (items: unknown, keep: (item: Node) => boolean = () => true): string[] =>
  (Array.isArray(items) ? (items as Node[]) : []).flatMap((item) => (item && typeof item.id === 'string' && keep(item) ? [item.id] : []));

const isPrediction = (node: Node) => node.type === 'Prediction';

/** The root first, then the predictions; details count what the sample leaves out. */
function predictionRead(rootIds: string[], predictions: string[], details: Record<string, unknown> = {}) {
  return {
    action: 'read' as const,
    targetIds: [...rootIds, ...predictions],
    details: { predictions: predictions.length, sampled: rootIds.length + predictions.length > MAX_TARGETS, ...details },
  };
}

interface WhyResult {
  prediction?: { id: string };
  control?: { predictionId: string } | null;
  models?: Array<{ id: string; members?: Array<{ id: string }> }>;
}

/** why: the prediction, its control and every model and member. */
export const auditWhy: AuditDescriber = (_args, result) => {
  const answer = result as WhyResult;
  const models = (answer.models ?? []).flatMap((model) => [model.id, ...(model.members ?? []).map((member) => member.id)]);
  return { action: 'read', targetIds: [answer.prediction?.id, answer.control?.predictionId, ...models].filter((id): id is string => Boolean(id)) };
};

/** recentPredictions: the predictions listed. */
export const auditPredictionList: AuditDescriber = (_args, result) => {
  const listed = (Array.isArray(result) ? result : []).flatMap((hit: { id?: unknown }) => (typeof hit?.id === 'string' ? [hit.id] : []));
  return listed.length ? { action: 'read', targetIds: listed } : undefined;
};

/** modelVersion: the version. */
export const auditModelVersion: AuditDescriber = (args, result) => ({ action: 'read', targetIds: [(result as { id?: string }).id ?? String(args.id)] });

/** searchAll: subject-key hits and exact-id hits that are predictions. */
export const auditSearchAll: AuditDescriber = (_args, result) => {
  const answer = result as { subjectPredictions?: unknown[]; exact?: unknown[] };
  const subject = idsOf(answer.subjectPredictions);
  const exact = idsOf(answer.exact, (hit) => (hit as { kind?: unknown }).kind === 'Prediction');
  const hits = [...new Set([...subject, ...exact])];
  return hits.length ? { action: 'read', targetIds: hits, details: { subjectPredictions: subject.length, exactPredictions: exact.length } } : undefined;
};

/**
 * lineage, from any root: the root, the predictions returned and the groups of predictions
 * returned as aggregates (their anchor node, relationship and count). Nothing when the answer
 * holds no prediction and the root is neither a prediction nor a model version.
 */
export const auditLineage: AuditDescriber = (_args, result) => {
  const graph = result as { root?: Node; nodes?: Node[]; truncated?: Array<{ nodeId: string; relType: string; type: string; count: number }> };
  const root = graph.root;
  const predictions = idsOf(graph.nodes, isPrediction);
  const groups = (graph.truncated ?? []).filter((group) => group.type === 'Prediction');
  const rootRead = root && (root.type === 'Prediction' || root.type === 'ModelVersion');
  if (!rootRead && predictions.length === 0 && groups.length === 0) return undefined;
  return predictionRead(
    [...(typeof root?.id === 'string' ? [root.id] : []), ...groups.map((group) => group.nodeId)],
    predictions.filter((id) => id !== root?.id),
    groups.length
      ? {
          predictionGroups: groups.slice(0, MAX_GROUPS).map(({ nodeId, relType, count }) => ({ nodeId, relType, count })),
          groupedPredictions: groups.reduce((sum, group) => sum + group.count, 0),
        }
      : {},
  );
};

/** lineageNeighbours: the anchor and the page's predictions. */
export const auditLineageNeighbours: AuditDescriber = (args, result) => {
  const page = result as { nodes?: Node[]; hasNextPage?: boolean };
  const predictions = idsOf(page.nodes, isPrediction);
  return predictions.length ? predictionRead([String(args.nodeId)], predictions, { hasNextPage: Boolean(page.hasNextPage) }) : undefined;
};

/** impact: the root and the page of affected predictions, with the total count. */
export const auditImpact: AuditDescriber = (args, result) => {
  const view = result as { rootId?: string; predictionCount?: number; predictions?: { edges?: Array<{ node: Node }> } };
  const predictions = idsOf((view.predictions?.edges ?? []).map((edge) => edge.node));
  if (predictions.length === 0) return undefined;
  return predictionRead([view.rootId ?? String(args.nodeId)], predictions, { affectedPredictions: view.predictionCount ?? null });
};

/** classification: a prediction's restriction level is about that prediction. */
export const auditClassification: AuditDescriber = (_args, result) => {
  const answer = result as { nodeId?: string; nodeType?: string };
  return answer.nodeType === 'Prediction' && answer.nodeId ? { action: 'read', targetIds: [answer.nodeId] } : undefined;
};

/** exportSubgraph: an export of the root, with what the signed manifest counts. */
export const auditExport: AuditDescriber = (args, result) => {
  const manifest = (result as { manifest?: Record<string, unknown> }).manifest as
    | {
        parameters?: Record<string, unknown>;
        contentSha256?: string;
        counts?: { nodes?: number; edges?: number; nodesByType?: Record<string, number> };
        omitted?: { restricted?: number; unreachable?: number; aggregated?: number };
      }
    | undefined;
  return {
    action: 'export',
    targetIds: [String(args.rootId)],
    details: {
      format: manifest?.parameters?.format ?? null,
      direction: manifest?.parameters?.direction ?? null,
      depth: manifest?.parameters?.depth ?? null,
      contentSha256: manifest?.contentSha256 ?? null,
      nodes: manifest?.counts?.nodes ?? null,
      edges: manifest?.counts?.edges ?? null,
      predictions: manifest?.counts?.nodesByType?.Prediction ?? 0,
      omitted: {
        restricted: manifest?.omitted?.restricted ?? 0,
        unreachable: manifest?.omitted?.unreachable ?? 0,
        aggregated: manifest?.omitted?.aggregated ?? 0,
      },
    },
  };
};

/** complianceReport: the prediction ids its violations sample. */
export const auditCompliance: AuditDescriber = (_args, result) => {
  const violations = ((result as { policies?: Array<{ violations?: Array<{ sample?: string[]; count?: number }> }> }).policies ?? []).flatMap(
    (policy) => policy.violations ?? [],
  );
  const sampled = [...new Set(violations.flatMap((violation) => violation.sample ?? []))];
  return sampled.length ? predictionRead([], sampled, { violations: violations.length }) : undefined;
};

/** replay: the prediction and every model version run (used, members, what-if). */
export const auditReplay: AuditDescriber = (_args, result) => {
  const answer = result as { predictionId?: string; models?: Array<{ modelVersionId: string }>; whatIf?: Array<{ modelVersionId: string }> };
  const models = [...(answer.models ?? []), ...(answer.whatIf ?? [])].map((m) => m.modelVersionId);
  return { action: 'read', targetIds: [answer.predictionId, ...new Set(models)].filter((id): id is string => Boolean(id)) };
};

/** replayJob: the job and a sample of the differing predictions it lists. */
export const auditReplayJob: AuditDescriber = (_args, result) => {
  const job = result as { id?: string; differingIds?: string[] };
  return predictionRead(job.id ? [job.id] : [], job.differingIds ?? []);
};
