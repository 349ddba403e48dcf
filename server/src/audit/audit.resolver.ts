import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Permission } from '../auth/permissions';
import { ErrorCode, LineageError } from '../errors';
import type { RequestContext } from '../graphql/context';
import { Audited } from './audit.declare';
import type { ServedEntry } from './audit.service';
import { AccessLogArgs, AccessLogPage, AuditEntry, AuditVerification, ChainBreakReason } from './audit.types';
import { COST } from '../graphql/cost';

function toEntry(entry: ServedEntry): AuditEntry {
  return { ...entry, chain: entry.chain ?? null, details: entry.details ? (JSON.parse(entry.details) as unknown) : null };
}

@Resolver()
export class AuditResolver {
  @Authorized(Permission.AUDIT)
  @Audited(false, 'answers with audit entries (ids and who), never prediction data')
  @Query(() => AccessLogPage, {
    complexity: COST.accessLog,
    description:
      'Who accessed (read, wrote, exported) a model version, prediction or other node, and when; newest first. Every entry is verified against the audit key before it is served; one that does not verify makes the answer CONFLICT naming its seq.',
  })
  async accessLog(@Args(() => AccessLogArgs) args: AccessLogArgs, @Ctx() ctx: RequestContext): Promise<AccessLogPage> {
    const before = args.after ? Number(args.after) : null;
    if (before !== null && !Number.isSafeInteger(before))
      throw new LineageError(ErrorCode.BAD_USER_INPUT, 'after: not a cursor from accessLog', [{ path: 'after', message: 'not a cursor' }]);
    if (args.limit < 1 || args.limit > 500)
      throw new LineageError(ErrorCode.BAD_USER_INPUT, 'limit: must be 1–500', [{ path: 'limit', message: 'must be 1–500' }]);
    const entries = await ctx.services.audit.accessLog(args.targetId, args.limit, before);
    const last = entries.at(-1);
    return { entries: entries.map(toEntry), nextAfter: entries.length === args.limit && last ? String(last.seq) : null };
  }

  @Authorized(Permission.AUDIT)
  @Audited(false, 'answers with the chain status only')
  @Query(() => AuditVerification, {
    description:
      'Walks the tamper-evident audit chain from the start (HMAC of every entry, links, AuditAccess rows, approvals, and every signed checkpoint kept outside Neo4j) and names the first broken entry.',
  })
  async verifyAuditLog(@Ctx() ctx: RequestContext): Promise<AuditVerification> {
    const result = await ctx.services.audit.verify();
    return { ...result, broken: result.broken ? { ...result.broken, reason: result.broken.reason as ChainBreakReason } : null };
  }
}
