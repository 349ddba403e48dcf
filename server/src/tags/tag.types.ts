import { Field, InputType, ObjectType } from 'type-graphql';
import { NotRestricted } from '../classification/restricted.decorators';
import type { TagPair } from './tag-views';

const TAG_REASON =
  'tags describe pipelines, data and models, never a subject: they are not accepted on predictions or events, and the contract says they must not carry subject data';

@ObjectType({ description: 'A key/value tag (taxonomy) on a node.' })
export class TagView implements TagPair {
  @Field(() => String) key!: string;
  @NotRestricted(TAG_REASON)
  @Field(() => String)
  value!: string;
}

@InputType({ description: 'A tag a search result must carry: the key, and the value unless any value will do.' })
export class TagFilterInput {
  @Field(() => String) key!: string;
  @Field(() => String, { nullable: true, description: 'Exact value; omitted: any value of the key.' }) value?: string | null;
}
