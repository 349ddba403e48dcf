import { Field, InputType } from 'type-graphql';
import type * as C from '@ion-lineage/contract';
import { LIMITS } from '@ion-lineage/contract';

@InputType({ description: 'A key/value tag (taxonomy) on a node; never subject data.' })
export class TagInput implements C.TagInput {
  @Field(() => String, { description: `Identifier-like key, at most ${LIMITS.tagKeyLength} characters.` }) key!: string;
  @Field(() => String, { description: `Short free text, at most ${LIMITS.tagValueLength} characters.` }) value!: string;
}

/** The description every `tags` input field carries (its stated limit is checked against the contract). */
export const TAGS_DESCRIPTION = `Key/value tags, at most ${LIMITS.tagsPerItem}; the same tags again change nothing.`;
