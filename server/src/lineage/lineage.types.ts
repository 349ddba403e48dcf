import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, JSONObjectScalar } from '../graphql/scalars';
import type { LineageDirection } from './lineage.traverse';
import { NotRestricted, Restricted, RestrictedKind } from '../classification/restricted.decorators';
import { subjectOfLabel, subjectOfNode } from '../classification/restricted.policy';

/** GraphQL enum of walk directions; upstream means toward causes. */
export const LineageDirectionEnum = { UPSTREAM: 'UPSTREAM', DOWNSTREAM: 'DOWNSTREAM', BOTH: 'BOTH' } as const satisfies { [K in LineageDirection]: K };
registerEnumType(LineageDirectionEnum, {
  name: 'LineageDirection',
  description: 'UPSTREAM walks toward causes (prediction → run/model → training run → data), DOWNSTREAM toward effects.',
});

@ObjectType({ description: 'Stands for a neighbour group too large to return whole; page it with lineageNeighbours.' })
export class LineageAggregate {
  @Field(() => Int) count!: number;
  @Field(() => String) relType!: string;
  @Field(() => String, { description: 'Type of the aggregated neighbours.' }) of!: string;
  @Field(() => Boolean, { description: 'True when the relationship goes from the node to the neighbours.' }) outgoing!: boolean;
}

@ObjectType()
export class LineageNode {
  @Field(() => String) id!: string;
  @Field(() => String, { description: 'The node label, or Aggregate.' }) type!: string;
  @Restricted(RestrictedKind.NODE_LABEL, subjectOfLabel)
  @Field(() => String)
  label!: string;
  @Restricted(RestrictedKind.NODE_PROPERTIES, subjectOfNode)
  @Field(() => JSONObjectScalar, {
    description:
      'Stored properties; for callers without SEE_RESTRICTED_DATA a restricted prediction’s subject key is masked, its inputs and attributions withheld and its content hash keyed.',
  })
  properties!: Record<string, unknown>;
  @Field(() => LineageAggregate, { nullable: true }) aggregate?: LineageAggregate;
}

@ObjectType({ description: 'A stored relationship, from its start node (source) to its end node (target).' })
export class LineageEdge {
  @Field(() => String) source!: string;
  @Field(() => String) target!: string;
  @Field(() => String) type!: string;
  @NotRestricted('relationship properties are times, weights and roles, never subject data')
  @Field(() => JSONObjectScalar)
  properties!: Record<string, unknown>;
}

@ObjectType({ description: 'A neighbour group replaced by an aggregate node.' })
export class LineageTruncation {
  @Field(() => String) nodeId!: string;
  @Field(() => String) relType!: string;
  @Field(() => String) type!: string;
  @Field(() => Int) count!: number;
  @Field(() => String) aggregateId!: string;
  @Field(() => Boolean) outgoing!: boolean;
}

@ObjectType()
export class LineageGraph {
  @Field(() => LineageNode) root!: LineageNode;
  @Field(() => [LineageNode]) nodes!: LineageNode[];
  @Field(() => [LineageEdge]) edges!: LineageEdge[];
  @Field(() => Int, { description: 'The depth actually walked.' }) depth!: number;
  @Field(() => Boolean, { description: 'True when the requested depth exceeded maxDepth.' }) depthCapped!: boolean;
  @Field(() => Int) maxDepth!: number;
  @Field(() => [LineageTruncation]) truncated!: LineageTruncation[];
  @Field(() => Boolean, { description: 'True when the walk stopped at the node limit (2,000) or left part of a frontier (over 500 nodes) unexpanded.' })
  nodeLimitReached!: boolean;
}

@ArgsType()
export class LineageArgs {
  @Field(() => String) nodeId!: string;
  @Field(() => LineageDirectionEnum, { defaultValue: 'UPSTREAM' }) direction!: LineageDirection;
  @Field(() => Int, { defaultValue: 3, description: 'Hops to walk; capped at 10.' }) depth!: number;
  @Field(() => [String], { nullable: true, description: 'Node types to return (the walk passes through all).' }) types?: string[] | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'Only nodes that existed then (at / startedAt / from / createdAt).' }) asOf?: string | null;
  @Field(() => Int, { defaultValue: 50, description: 'Largest neighbour group returned whole (1–500).' }) neighbourLimit!: number;
}

@ObjectType()
export class LineageNeighbourPage {
  @Field(() => [LineageNode]) nodes!: LineageNode[];
  @Field(() => [LineageEdge]) edges!: LineageEdge[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page.' }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@ArgsType()
export class LineageNeighboursArgs {
  @Field(() => String) nodeId!: string;
  @Field(() => String) relType!: string;
  @Field(() => String, { description: 'Neighbour type, e.g. Prediction.' }) type!: string;
  @Field(() => Int, { defaultValue: 100, description: 'Page size (1–1000).' }) first!: number;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Relationship direction from the node; inferred from the types when omitted.' }) outgoing?:
    boolean | null;
  @Field(() => DateTimeScalar, { nullable: true }) asOf?: string | null;
}
