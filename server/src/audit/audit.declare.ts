/**
 * Auditing is declared on each root field, beside `@Authorized`, so a renamed or new field
 * cannot silently drop out: `@Audited(describe)` says what a call records, `@Audited(false,
 * why)` says it returns no prediction-level data. The decision rides in the field's GraphQL
 * extensions (`extensions.audit`), where `auditRootFields` applies it and a schema test checks
 * that every Query field has one.
 */
import { Extensions } from 'type-graphql';
import type { AuditInput } from './audit.service';

export type AuditArgs = Record<string, unknown>;

/** Turns one root field's arguments and answer into what the audit records (undefined: nothing this time). */
export type AuditDescriber = (args: AuditArgs, result: unknown) => Omit<AuditInput, 'operation'> | undefined;

/** A field's audit decision, as kept in `extensions.audit`. */
export type AuditDecision = { describe: AuditDescriber } | { notAudited: string };

/** Declares what a root field's call records in the access audit, or (`false`, with the reason) that it returns no prediction-level data. */
export function Audited(describe: AuditDescriber): MethodDecorator;
export function Audited(describe: false, reason: string): MethodDecorator;
export function Audited(describe: AuditDescriber | false, reason?: string): MethodDecorator {
  const decision: AuditDecision = describe === false ? { notAudited: reason ?? 'no prediction-level data' } : { describe };
  return Extensions({ audit: decision }) as MethodDecorator;
}

/** The decision declared on a field, if any. */
export function auditDecisionOf(extensions: Readonly<Record<string, unknown>> | null | undefined): AuditDecision | undefined {
  const value = extensions?.audit as AuditDecision | undefined;
  return value && (('describe' in value && typeof value.describe === 'function') || 'notAudited' in value) ? value : undefined;
}
