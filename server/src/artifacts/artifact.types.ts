import { Field, Float, ObjectType } from 'type-graphql';
import { NotRestricted } from '../classification/restricted.decorators';

@ObjectType({ description: "A model version's artifact in the artifact store, addressed by its SHA-256 digest." })
export class ArtifactInfo {
  @NotRestricted('a digest of model bytes, computable by anyone who holds them; no subject data')
  @Field(() => String, { description: 'sha256:<hex>, the address of the artifact (GET /api/v1/artifacts/<digest>).' })
  digest!: string;

  @Field(() => Boolean, { description: 'Whether bytes are stored under the digest (not verified here; every download verifies them).' })
  stored!: boolean;

  @Field(() => Float, { nullable: true, description: 'Size in bytes of what is stored; null when nothing is.' })
  size!: number | null;
}
