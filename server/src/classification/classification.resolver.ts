import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditClassification } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import { ModelVersionView } from '../governance/model-version.types';
import type { RequestContext } from '../graphql/context';
import { WhyAnswer } from '../why/why.types';
import { isRestricted } from './classification.levels';
import type { NodeClassificationData } from './classification.propagate';
import { NodeClassification } from './classification.types';
import { COST } from '../graphql/cost';

function view(data: NodeClassificationData): NodeClassification {
  return { ...data, restricted: isRestricted(data.level) };
}

@Resolver()
export class ClassificationResolver {
  @Authorized(Permission.READ_LINEAGE)
  @Audited(auditClassification)
  @Query(() => NodeClassification, {
    complexity: COST.classification,
    description:
      'The classification of any node, propagated along lineage (datasets and features → runs → model versions and ensembles → predictions): the strictest level wins, with the sources and paths behind it.',
  })
  async classification(@Arg('nodeId', () => String) nodeId: string, @Ctx() ctx: RequestContext): Promise<NodeClassification> {
    return view(await ctx.services.classification.classify(nodeId));
  }
}

@Resolver(() => ModelVersionView)
export class ModelVersionClassificationResolver {
  @FieldResolver(() => NodeClassification, {
    description: 'Strictest classification of the data and features this version (and its members) was trained on, and why.',
  })
  async classification(@Root() version: ModelVersionView, @Ctx() ctx: RequestContext): Promise<NodeClassification> {
    return view((await ctx.services.classification.modelVersions([version.id])).get(version.id)!);
  }
}

@Resolver(() => WhyAnswer)
export class WhyClassificationResolver {
  @FieldResolver(() => NodeClassification, { description: "The prediction's classification (through its model versions), and why." })
  async classification(@Root() answer: WhyAnswer, @Ctx() ctx: RequestContext): Promise<NodeClassification> {
    return view(await ctx.services.restricted.predictionClassification(ctx, answer.prediction.id));
  }
}

export const classificationResolvers = [ClassificationResolver, ModelVersionClassificationResolver, WhyClassificationResolver] as const;
