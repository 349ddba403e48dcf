import { Field, Int, ObjectType } from 'type-graphql';
import { ClassificationEnum } from '../graphql/enums';
import type { Level } from './classification.levels';

@ObjectType({ description: 'A classified dataset or feature upstream of a node, and the path that reaches it.' })
export class ClassificationSourceView {
  @Field(() => String) id!: string;
  @Field(() => String, { description: 'Dataset or Feature.' }) type!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => ClassificationEnum, { nullable: true }) level!: Level | null;
  @Field(() => String, {
    description:
      'How it is reached, outermost step first: OWN, VERSION_OF, TRAINING_DATA, TRAINING_FEATURE, ENSEMBLE_MEMBER/…, MODEL/… (a prediction through its model version).',
  })
  pathKind!: string;
  @Field(() => [String], { description: 'Node ids from the classified node to the source.' }) path!: string[];
}

@ObjectType({ description: 'The classification of a node: the strictest level found along its lineage, and why.' })
export class NodeClassification {
  @Field(() => String) nodeId!: string;
  @Field(() => String) nodeType!: string;
  @Field(() => ClassificationEnum, { nullable: true, description: 'Null when nothing classified was found upstream (a prediction then counts as restricted).' })
  level!: Level | null;
  @Field(() => Boolean, { description: 'True for PII, PHI or unknown: subject keys and inputs are masked for callers without clearance.' })
  restricted!: boolean;
  @Field(() => String, { description: 'Why, in plain words.' }) reason!: string;
  @Field(() => [ClassificationSourceView], { description: 'Sources, strictest first (at most 50).' }) sources!: ClassificationSourceView[];
  @Field(() => Int) sourceCount!: number;
}
