import { Authorized, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { NotRestricted } from '../classification/restricted.decorators';

@ObjectType({ description: 'How many nodes of one kind the graph holds.' })
export class LabelCount {
  @NotRestricted('a Neo4j node label such as Prediction')
  @Field(() => String)
  label!: string;
  @Field(() => Int) count!: number;
}

@ObjectType()
export class GraphStats {
  @Field(() => Int, { nullable: true, description: 'Schema version applied at start-up.' }) schemaVersion!: number | null;
  @Field(() => [LabelCount]) nodes!: LabelCount[];
}

@Resolver()
export class MetaResolver {
  @Authorized(Permission.READ_LINEAGE)
  @Audited(false, 'counts per kind only')
  @Query(() => GraphStats, { description: 'Node counts per kind and the applied schema version.' })
  async graphStats(@Ctx() ctx: RequestContext): Promise<GraphStats> {
    const [countRows, versionRows] = await Promise.all([
      ctx.services.executor.run<{ counts: Record<string, number> }>('meta/count-nodes'),
      ctx.services.executor.run<{ version: number | null }>('meta/schema-version'),
    ]);
    const counts = countRows[0]?.counts ?? {};
    return {
      schemaVersion: versionRows[0]?.version ?? null,
      nodes: Object.entries(counts)
        .map(([label, count]) => ({ label, count }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    };
  }
}
