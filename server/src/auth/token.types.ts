import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../graphql/scalars';
import { Role } from './roles';

@ObjectType({ description: 'An API token as stored: never its secret, which exists only as a SHA-256 hash.' })
export class ApiToken {
  @Field(() => String, { description: 'The public id, also part of the token text (ionl_<id>_<secret>).' }) id!: string;
  @Field(() => String) name!: string;
  @Field(() => [Role]) roles!: Role[];
  @Field(() => String, { description: 'Principal id of the admin who created it.' }) createdBy!: string;
  @Field(() => DateTimeScalar) createdAt!: string;
  @Field(() => DateTimeScalar, { nullable: true }) expiresAt!: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) revokedAt!: string | null;
  @Field(() => String, { nullable: true }) revokedBy!: string | null;
}

@ObjectType({ description: 'A new token: `secret` is shown this once and cannot be read again.' })
export class CreatedApiToken {
  @Field(() => ApiToken) token!: ApiToken;
  @Field(() => String, { description: 'The token to send as `Authorization: Bearer <secret>`.' }) secret!: string;
}
