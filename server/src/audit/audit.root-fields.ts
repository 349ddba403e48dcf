import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../graphql/context';
import { PART_INPUTS } from '../ingest/ingest.types';
import type { AuditInput } from './audit.service';
import { MAX_TARGETS } from './audit.service';

type Args = Record<string, unknown>;
/** Turns one root field's arguments and answer into what the audit records (undefined: nothing). */
type Describe = (args: Args, result: unknown) => Omit<AuditInput, 'operation'> | undefined;

const ids = (items: unknown): string[] =>
  (Array.isArray(items) ? items : []).flatMap((item) => (item && typeof (item as { id?: unknown }).id === 'string' ? [(item as { id: string }).id] : []));

interface WhyResult {
  prediction?: { id: string };
  control?: { predictionId: string } | null;
  models?: Array<{ id: string; members?: Array<{ id: string }> }>;
}

/** Reads of model versions and predictions (who looked at whose data). */
const READS: Record<string, Describe> = {
  why: (_args, result) => {
    const answer = result as WhyResult;
    const models = (answer.models ?? []).flatMap((model) => [model.id, ...(model.members ?? []).map((member) => member.id)]);
    return { action: 'read', targetIds: [answer.prediction?.id, answer.control?.predictionId, ...models].filter((id): id is string => Boolean(id)) };
  },
  modelVersion: (args, result) => ({ action: 'read', targetIds: [(result as { id?: string }).id ?? String(args.id)] }),
  searchAll: (_args, result) => {
    const hits = ids((result as { subjectPredictions?: unknown[] }).subjectPredictions);
    return hits.length ? { action: 'read', targetIds: hits, details: { subjectPredictions: hits.length } } : undefined;
  },
  recentPredictions: (_args, result) => {
    const hits = ids(result);
    return hits.length ? { action: 'read', targetIds: hits } : undefined;
  },
  lineage: (_args, result) => {
    const root = (result as { root?: { id: string; type: string } }).root;
    return root && (root.type === 'Prediction' || root.type === 'ModelVersion') ? { action: 'read', targetIds: [root.id] } : undefined;
  },
};

const PART_BY_FIELD = new Map<string, { part: string; many: boolean }>(
  Object.entries(PART_INPUTS).flatMap(([part, names]) => [
    [`ingest${names.plural}`, { part, many: true }],
    [`ingest${names.single}`, { part, many: false }],
  ]),
);

/** The parts and items an ingest mutation carries, by part. */
function ingestParts(field: string, args: Args): Record<string, unknown[]> {
  if (field === 'ingest') {
    const bundle = (args.bundle ?? {}) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(bundle).filter(([, items]) => Array.isArray(items)) as Array<[string, unknown[]]>);
  }
  const spec = PART_BY_FIELD.get(field);
  if (!spec) return {};
  return { [spec.part]: spec.many ? ((args.items as unknown[]) ?? []) : [args.item] };
}

/** One entry per write request: counts per part and a bounded sample of ids (never one entry per item). */
function describeWrite(field: string, args: Args, result: unknown): Omit<AuditInput, 'operation'> {
  const parts = ingestParts(field, args);
  const names = Object.keys(parts);
  if (names.length === 0) {
    const id = typeof args.id === 'string' ? args.id : (result as { token?: { id?: string } } | null)?.token?.id;
    return { action: 'write', targetIds: id ? [id] : [] };
  }
  const perPart = Math.max(1, Math.floor(MAX_TARGETS / names.length));
  const counts = Object.fromEntries(names.map((name) => [name, parts[name]!.length]));
  return { action: 'write', targetIds: names.flatMap((name) => ids(parts[name]).slice(0, perPart)), details: { counts, sampled: true, result: result ?? null } };
}

/** What the audit records for one root field's call (undefined: nothing), with the approvals it wrote. */
export function describeAccess(field: string, isMutation: boolean, args: Args, result: unknown): { input: AuditInput; approvalIds: string[] } | undefined {
  const input = isMutation ? describeWrite(field, args, result) : READS[field]?.(args, result);
  if (!input) return undefined;
  return { input: { ...input, operation: field }, approvalIds: isMutation ? ids(ingestParts(field, args).approvals) : [] };
}

/**
 * Records accesses after a root field resolves and before the answer leaves: every mutation
 * (one entry per request), and reads of predictions and model versions. Approvals written by
 * the request are appended to the chain in the same group commit. Only the root fields of
 * Query and Mutation are wrapped (a type-graphql global middleware would wrap every field of
 * every answer).
 */
export function auditRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    const isMutation = root === schema.getMutationType();
    for (const field of Object.values(root.getFields())) {
      const resolve = field.resolve;
      if (!resolve || (!isMutation && !READS[field.name])) continue;
      const audited: GraphQLFieldResolver<unknown, RequestContext, Args> = async (source, args, context, info) => {
        const result: unknown = await resolve(source, args, context, info);
        const access = describeAccess(field.name, isMutation, args, result);
        if (access) await Promise.all([context.services.audit.record(context, access.input), context.services.audit.chainApprovals(access.approvalIds)]);
        return result;
      };
      field.resolve = audited;
    }
  }
  return schema;
}
