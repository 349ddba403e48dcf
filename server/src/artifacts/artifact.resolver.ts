import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ModelVersionView } from '../governance/model-version.types';
import type { RequestContext } from '../graphql/context';
import { ARTIFACT_DIGEST } from './artifact-digest';
import { ArtifactInfo } from './artifact.types';

@Resolver(() => ModelVersionView)
export class ModelVersionArtifactResolver {
  @FieldResolver(() => ArtifactInfo, {
    nullable: true,
    description:
      "The artifact this version's digest names, and whether the store holds it; null unless the digest is sha256:<hex>. Downloading it may need clearance (see the README).",
  })
  async artifact(@Root() version: ModelVersionView, @Ctx() ctx: RequestContext): Promise<ArtifactInfo | null> {
    if (!version.digest || !ARTIFACT_DIGEST.test(version.digest)) return null;
    const size = await ctx.services.artifacts.size(version.digest);
    return { digest: version.digest, stored: size !== undefined, size: size ?? null };
  }
}

export const artifactResolvers = [ModelVersionArtifactResolver] as const;
