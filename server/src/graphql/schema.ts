import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver';
import { auditRootFields } from '../audit/audit.root-fields';
import { authChecker } from '../auth/auth-checker';
import { applyRestrictedDataPolicy } from '../classification/restricted.schema';
import { CallerResolver } from '../auth/caller.resolver';
import { ApiTokenResolver } from '../auth/token.resolver';
import { artifactResolvers } from '../artifacts/artifact.resolver';
import { classificationResolvers } from '../classification/classification.resolver';
import { ComplianceResolver } from '../compliance/compliance.resolver';
import { DriftResolver, WhyDriftResolver } from '../drift/drift.resolver';
import { ExportResolver } from '../export/export.resolver';
import { ModelVersionViewResolver } from '../governance/model-version.resolver';
import { ImpactResolver } from '../impact/impact.resolver';
import { ingestResolvers } from '../ingest/ingest.resolver';
import { IonViewResolver } from '../ion/ion-view.resolver';
import { LineageResolver } from '../lineage/lineage.resolver';
import { MetaResolver } from '../meta/meta.resolver';
import { searchResolvers } from '../search/search.resolver';
import { WebhookResolver } from '../webhooks/webhook.resolver';
import { WhyResolver } from '../why/why.resolver';
import { ReplayJobResolver, ReplayResolver, WhyReplayResolver } from '../replay/replay.resolver';

/** All resolvers of the API; each feature adds its own here. */
export const RESOLVERS = [
  MetaResolver,
  ...ingestResolvers,
  WhyResolver,
  ReplayResolver,
  ReplayJobResolver,
  WhyReplayResolver,
  LineageResolver,
  ModelVersionViewResolver,
  ...searchResolvers,
  ImpactResolver,
  IonViewResolver,
  ComplianceResolver,
  ...classificationResolvers,
  ...artifactResolvers,
  ExportResolver,
  ApiTokenResolver,
  CallerResolver,
  AuditResolver,
  WebhookResolver,
  DriftResolver,
  WhyDriftResolver,
] as const;

/**
 * Builds the executable schema. Validation is the ingest engine's job (one place for GraphQL
 * and direct callers), so type-graphql's class-validator integration stays off.
 */
export async function buildLineageSchema(): Promise<GraphQLSchema> {
  // authChecker enforces each field's @Authorized(Permission.X); the restricted-data policy masks
  // every field declared @Restricted for uncleared callers; the audit records reads and writes of
  // root fields once they succeed.
  return auditRootFields(applyRestrictedDataPolicy(await buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false, authChecker })));
}
