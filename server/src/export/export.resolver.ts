import { Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { Audited } from '../audit/audit.declare';
import { auditExport } from '../audit/audit.describers';
import { Permission } from '../auth/permissions';
import type { RequestContext } from '../graphql/context';
import { toGraphqlExport } from './export.envelope';
import { ExportPublicKey, ExportSubgraphArgs, SubgraphExport } from './export.types';
import { COST } from '../graphql/cost';

@Resolver()
export class ExportResolver {
  @Authorized(Permission.EXPORT)
  @Audited(auditExport)
  @Query(() => SubgraphExport, {
    complexity: COST.exportSubgraph,
    description:
      'A signed export of the subgraph around a prediction, model version or dataset (JSON, GraphML or W3C PROV-JSON). Depth 0–10; neighbours the caller may not see are left out and counted in the manifest.',
  })
  async exportSubgraph(@Args(() => ExportSubgraphArgs) args: ExportSubgraphArgs, @Ctx() ctx: RequestContext): Promise<SubgraphExport> {
    // Recorded as an export by the @Audited declaration, from the signed manifest.
    return toGraphqlExport(await ctx.services.exports.exportSubgraph(args, ctx.principal));
  }

  @Authorized(Permission.EXPORT)
  @Audited(false, 'a public key')
  @Query(() => ExportPublicKey, {
    description: 'The Ed25519 public key that verifies export signatures (also at GET /api/v1/export/public-key, for anyone, without credentials).',
  })
  exportPublicKey(@Ctx() ctx: RequestContext): ExportPublicKey {
    const { signer } = ctx.services.exports;
    return { algorithm: 'Ed25519', keyId: signer.keyId, pem: signer.publicKeyPem };
  }
}
