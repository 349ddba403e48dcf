/** Who accessed what: the input of one audit entry, and the entry body it becomes. */
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal';
import type { EntryBody } from './audit.append';
import { MAX_TARGETS } from './audit.verify';
import { canonicalJson } from './chain';

/** Who is asking and from where: the request context, or any object with these fields (REST routes). */
export interface AuditSource {
  principal?: Principal;
  requestId?: string | null;
  clientIp?: string | null;
  userAgent?: string | null;
  operationName?: string | null;
}

/** One access to record. */
export interface AuditInput {
  action: 'read' | 'write' | 'export' | 'refused';
  /** The GraphQL field or REST route. */
  operation: string;
  /** What was read or written; deduplicated and capped at MAX_TARGETS. */
  targetIds: readonly string[];
  /** Counts and the like, stored as canonical JSON. */
  details?: Record<string, unknown>;
}

/** One access recorded inside a write transaction (`AuditLog.writeAudited`). */
export interface AuditRecord {
  source: AuditSource;
  input: AuditInput;
}

/** The entry of one access, before it is numbered, linked and hashed. */
export function accessBody(source: AuditSource, input: AuditInput): EntryBody {
  const principal = source.principal;
  return {
    id: randomUUID(),
    kind: 'access',
    at: new Date().toISOString(),
    principalId: principal?.id ?? null,
    principalName: principal?.name ?? null,
    via: principal?.via ?? null,
    tokenId: principal?.tokenId ?? null,
    action: input.action,
    operation: input.operation,
    operationName: source.operationName ?? null,
    targetIds: [...new Set(input.targetIds)].slice(0, MAX_TARGETS),
    clientIp: source.clientIp ?? null,
    userAgent: source.userAgent ? source.userAgent.slice(0, 300) : null,
    requestId: source.requestId ?? null,
    details: input.details ? canonicalJson(input.details) : null,
    approvalId: null,
  };
}
