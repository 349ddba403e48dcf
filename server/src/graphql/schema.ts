import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ingestResolvers } from '../ingest/ingest.resolver';
import { LineageResolver } from '../lineage/lineage.resolver';
import { MetaResolver } from '../meta/meta.resolver';
import { WhyResolver } from '../why/why.resolver';

/** All resolvers of the API; each feature adds its own here. */
export const RESOLVERS = [
  MetaResolver,
  ...ingestResolvers,
  WhyResolver,
  LineageResolver,
] as const;

/**
 * Builds the executable schema. Validation is the ingest engine's job (one place for GraphQL
 * and direct callers), so type-graphql's class-validator integration stays off.
 */
export async function buildLineageSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false });
}
