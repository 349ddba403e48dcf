import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { type IngestBundle, LIMITS } from '@ion-lineage/contract';
import { IngestBundleInput, IngestBundleResult, IngestResult, PART_INPUTS } from './ingest.types';
import { toPlainInput } from './plain-input';

@Resolver()
export class IngestBundleResolver {
  @Authorized(Permission.INGEST)
  @Mutation(() => IngestBundleResult, {
    description: 'Writes a delivery of any parts in one transaction: whole or not at all. Replays are harmless; the same id with other content is a CONFLICT.',
  })
  async ingest(@Arg('bundle', () => IngestBundleInput) bundle: IngestBundleInput, @Ctx() ctx: RequestContext): Promise<IngestBundleResult> {
    return ctx.services.ingest.ingestBundle(toPlainInput(bundle) as IngestBundle);
  }
}

/**
 * Builds the two mutations of one part: `ingestPredictions(items)` (a batch of up to `LIMITS.batchItems`,
 * one transaction) and `ingestPrediction(item)`. One factory keeps the fifteen parts alike.
 */
function partResolver(part: keyof IngestBundle) {
  const { input, single, plural } = PART_INPUTS[part];

  @Resolver()
  class PartResolver {
    @Authorized(Permission.INGEST)
    @Mutation(() => IngestResult, {
      name: `ingest${plural}`,
      description: `Writes a batch of ${part} (at most ${LIMITS.batchItems.toLocaleString('en')}) in one transaction.`,
    })
    async batch(@Arg('items', () => [input]) items: unknown[], @Ctx() ctx: RequestContext): Promise<IngestResult> {
      return ctx.services.ingest.ingestPart(part, toPlainInput(items) as unknown[]);
    }

    @Authorized(Permission.INGEST)
    @Mutation(() => IngestResult, { name: `ingest${single}`, description: `Writes one item of ${part}.` })
    async one(@Arg('item', () => input) item: unknown, @Ctx() ctx: RequestContext): Promise<IngestResult> {
      return ctx.services.ingest.ingestPart(part, [toPlainInput(item)]);
    }
  }
  return PartResolver;
}

export const ingestResolvers = [IngestBundleResolver, ...(Object.keys(PART_INPUTS) as Array<keyof IngestBundle>).map(partResolver)] as const;
