import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { RequestContext } from '../graphql/context';
import { PART_INPUTS } from '../ingest/ingest.types';
import { deferAudit } from './audit.barrier';
import { type AuditDecision, auditDecisionOf } from './audit.declare';
import type { AuditInput } from './audit.service';
import { MAX_TARGETS } from './audit.verify';

type Args = Record<string, unknown>;

const ids = (items: unknown): string[] =>
  (Array.isArray(items) ? items : []).flatMap((item) => (item && typeof (item as { id?: unknown }).id === 'string' ? [(item as { id: string }).id] : []));

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
  return {
    action: 'write',
    targetIds: names.flatMap((name) => ids(parts[name]).slice(0, perPart)),
    details: { counts, sampled: true, result: result ?? null },
  };
}

/**
 * What the audit records for one root field's call (undefined: nothing), with the approvals it
 * wrote: the field's declared describer; a mutation without one is recorded as a write.
 */
export function describeAccess(
  field: string,
  isMutation: boolean,
  decision: AuditDecision | undefined,
  args: Args,
  result: unknown,
): { input: AuditInput; approvalIds: string[] } | undefined {
  const input = decision && 'describe' in decision ? decision.describe(args, result) : isMutation ? describeWrite(field, args, result) : undefined;
  if (!input) return undefined;
  return { input: { ...input, operation: field }, approvalIds: isMutation ? ids(ingestParts(field, args).approvals) : [] };
}

/**
 * Records accesses after a root field resolves and before the answer leaves: every mutation
 * (one entry per request), and the reads each Query field declares with `@Audited`. A read's
 * record is written beside the rest of the request and awaited by `auditBarrierPlugin` before
 * the response is sent (without the plugin, here). Approvals
 * written by the request are appended to the chain in the same group commit. Only the root
 * fields of Query and Mutation are wrapped (a type-graphql global middleware would wrap every
 * field of every answer). A Query field without a declaration fails the build: every root
 * field must say whether it reads prediction-level data.
 */
export function auditRootFields(schema: GraphQLSchema): GraphQLSchema {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    const isMutation = root === schema.getMutationType();
    for (const field of Object.values(root.getFields())) {
      const decision = auditDecisionOf(field.extensions);
      if (!isMutation && !decision)
        throw new Error(
          `Query.${field.name} has no @Audited declaration: declare what it records, or @Audited(false, why) when it returns no prediction-level data`,
        );
      const resolve = field.resolve;
      if (!resolve || (decision && 'notAudited' in decision)) continue;
      const audited: GraphQLFieldResolver<unknown, RequestContext, Args> = async (source, args, context, info) => {
        const result: unknown = await resolve(source, args, context, info);
        const access = describeAccess(field.name, isMutation, decision, args, result);
        if (!access) return result;
        const written = Promise.all([context.services.audit.record(context, access.input), context.services.audit.chainApprovals(access.approvalIds)]);
        // A read's record is written while its answer is resolved and serialized; the barrier
        // holds the answer until it is committed. A write's is awaited here, as the field's last step.
        if (isMutation || !deferAudit(context, written)) await written;
        return result;
      };
      field.resolve = audited;
    }
  }
  return schema;
}
