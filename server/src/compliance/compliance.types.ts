import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';
import { POLICY_IDS, type PolicyId } from './compliance.policies';
import { NotRestricted } from '../classification/restricted.decorators';

export const PolicyIdEnum = Object.fromEntries(POLICY_IDS.map((id) => [id, id])) as { [K in PolicyId]: K };
registerEnumType(PolicyIdEnum, { name: 'CompliancePolicy', description: 'A compliance policy; each is one Cypher file under cypher/policies/.' });

@ObjectType()
export class EvidenceNode {
  @Field(() => String) id!: string;
  @Field(() => String) type!: string;
  @NotRestricted('policies label prediction evidence by id only (cypher/policies), never by subject key')
  @Field(() => String)
  label!: string;
}

@ObjectType({ description: 'A stored relationship of the evidence, from its start node to its end node.' })
export class EvidenceEdge {
  @Field(() => String) source!: string;
  @Field(() => String) target!: string;
  @Field(() => String) type!: string;
}

@ObjectType({ description: 'The nodes and relationships that show a violation (bounded: prediction sets are sampled).' })
export class EvidenceGraph {
  @Field(() => [EvidenceNode]) nodes!: EvidenceNode[];
  @Field(() => [EvidenceEdge]) edges!: EvidenceEdge[];
}

@ObjectType()
export class Violation {
  @Field(() => PolicyIdEnum) policy!: PolicyId;
  @Field(() => String, { description: 'Stable key of the violation within its policy (deployment, approval, run or model version id).' }) key!: string;
  @Field(() => String) summary!: string;
  @Field(() => [String], { description: 'The ids the violation is about.' }) subjectIds!: string[];
  @Field(() => Int, { description: 'Predictions concerned for prediction-set policies, else 1.' }) count!: number;
  @Field(() => [String], { description: 'Up to sampleSize prediction ids (all of them when count ≤ sampleSize).' }) sample!: string[];
  @Field(() => Int, { description: 'Prediction ids counted but not listed in the sample.' }) omitted!: number;
  @Field(() => EvidenceGraph) evidence!: EvidenceGraph;
}

@ObjectType()
export class PolicyResult {
  @Field(() => PolicyIdEnum) policy!: PolicyId;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'The Cypher file that implements it.' }) query!: string;
  @Field(() => Int) violationCount!: number;
  @Field(() => Boolean, { description: 'True when more violations exist than `limit` returned.' }) truncated!: boolean;
  @Field(() => [Violation]) violations!: Violation[];
}

@ObjectType()
export class ComplianceReport {
  @Field(() => DateTimeScalar) generatedAt!: string;
  @Field(() => Int, { description: 'Violations over all policies checked.' }) total!: number;
  @Field(() => [PolicyResult]) policies!: PolicyResult[];
}

@ArgsType()
export class ComplianceReportArgs {
  @Field(() => [PolicyIdEnum], { nullable: true, description: 'Only these policies (default: all).' }) policies?: PolicyId[] | null;
  @Field(() => Int, { defaultValue: 100, description: 'Most violations per policy (1–1000).' }) limit!: number;
  @Field(() => Int, { defaultValue: 20, description: 'Prediction ids listed per prediction-set violation (0–10000).' }) sampleSize!: number;
}
