import { GraphQLSafeInt } from 'graphql-scalars';
import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../graphql/scalars';
import { NotRestricted } from '../classification/restricted.decorators';

@ObjectType({ description: 'One entry of the access audit (a chain entry): who did what to which targets, when and from where.' })
export class AuditEntry {
  @Field(() => GraphQLSafeInt, {
    description: 'Position in the hash chain: 1, 2, 3… in the default chain; from 2^40, in blocks, in a service instance’s own chain.',
  })
  seq!: number;
  @Field(() => String, { nullable: true, description: 'The service instance chain the entry belongs to; null for the default chain.' })
  chain!: string | null;
  @Field(() => String) id!: string;
  @Field(() => String, { description: 'access or approval.' }) kind!: string;
  @Field(() => DateTimeScalar) at!: string;
  @Field(() => String, { nullable: true, description: 'Principal id (a JWT subject, or token:<id> for an API token).' }) principalId!: string | null;
  @Field(() => String, { nullable: true }) principalName!: string | null;
  @Field(() => String, { nullable: true, description: 'jwt, api-token or system.' }) via!: string | null;
  @Field(() => String, { nullable: true }) tokenId!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'read, write, export, refused (aggregated FORBIDDEN/UNAUTHENTICATED attempts: see details.count), approval or seal.',
  })
  action!: string | null;
  @Field(() => String, { nullable: true, description: 'GraphQL field or REST route.' }) operation!: string | null;
  @Field(() => String, { nullable: true, description: "The client's operation name, when sent." }) operationName!: string | null;
  @Field(() => [String], { description: 'Ids read or written (a sample of at most 50 for batches; see details for counts).' }) targetIds!: string[];
  @Field(() => String, { nullable: true }) clientIp!: string | null;
  @Field(() => String, { nullable: true }) userAgent!: string | null;
  @Field(() => String, { nullable: true }) requestId!: string | null;
  @NotRestricted('counts per part, sampled ids and approval content; the audit never records subject keys or inputs')
  @Field(() => JSONScalar, { nullable: true, description: "Counts per part for writes; an approval's recorded content." })
  details!: unknown;
  @NotRestricted('keyed hash of the audit entry, which holds no subject data')
  @Field(() => String)
  hash!: string;
  @Field(() => String, { nullable: true }) prevHash!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'hmac-sha256 (keyed under the server audit key); null for a legacy entry from before the chain was keyed.',
  })
  alg!: string | null;
  @Field(() => Boolean, {
    description:
      'True when this entry was verified on its own before it was served (its HMAC under the audit key, and it lists the target). False only for legacy unkeyed entries closed by the keyed seal, which only verifyAuditLog covers. Entries that fail are never served: accessLog answers CONFLICT naming the seq.',
  })
  verified!: boolean;
}

@ObjectType()
export class AccessLogPage {
  @Field(() => [AuditEntry], { description: 'Newest first.' }) entries!: AuditEntry[];
  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null at the end.' }) nextAfter!: string | null;
}

@ArgsType()
export class AccessLogArgs {
  @Field(() => String) targetId!: string;
  @Field(() => Int, { defaultValue: 50, description: '1–500.' }) limit!: number;
  @Field(() => String, { nullable: true, description: 'Cursor from the previous page.' }) after?: string | null;
}

export enum ChainBreakReason {
  HASH_MISMATCH = 'HASH_MISMATCH',
  BROKEN_LINK = 'BROKEN_LINK',
  APPROVAL_CHANGED = 'APPROVAL_CHANGED',
  HEAD_MISMATCH = 'HEAD_MISMATCH',
  /** An unkeyed entry after keyed ones, or an unkeyed prefix no keyed seal closes. */
  DOWNGRADED = 'DOWNGRADED',
  /** The AuditAccess rows accessLog answers from do not match the entry's targetIds. */
  ACCESS_INDEX_MISMATCH = 'ACCESS_INDEX_MISMATCH',
  /** A signed checkpoint names another hash for this seq. */
  CHECKPOINT_MISMATCH = 'CHECKPOINT_MISMATCH',
  /** A line of the checkpoint file does not verify. */
  CHECKPOINT_INVALID = 'CHECKPOINT_INVALID',
  /** The chain ends before the last signed checkpoint. */
  TRUNCATED = 'TRUNCATED',
}
registerEnumType(ChainBreakReason, { name: 'ChainBreakReason', description: 'Why the audit chain failed verification at an entry.' });

@ObjectType()
export class ChainBreak {
  @Field(() => GraphQLSafeInt) seq!: number;
  @Field(() => String) id!: string;
  @Field(() => ChainBreakReason) reason!: ChainBreakReason;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'The result of walking the whole audit chain.' })
export class AuditVerification {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => Int, { description: 'Entries verified before the first break (all of them when ok).' }) checked!: number;
  @Field(() => Int, { description: 'The seq the head names as the last entry.' }) headSeq!: number;
  @Field(() => Int, { description: 'Signed checkpoints (from the file outside Neo4j) the chain was checked against.' }) checkpoints!: number;
  @Field(() => ChainBreak, { nullable: true, description: 'The first broken entry.' }) broken!: ChainBreak | null;
}
