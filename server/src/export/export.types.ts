import { ArgsType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { JSONObjectScalar } from '../graphql/scalars';
import { LineageDirectionEnum } from '../lineage/lineage.types';
import type { LineageDirection } from '../lineage/lineage.traverse';
import { EXPORT_FORMATS, type ExportFormat } from './export.formats';
import { NotRestricted } from '../classification/restricted.decorators';

export const ExportFormatEnum = Object.fromEntries(EXPORT_FORMATS.map((f) => [f, f])) as { [K in ExportFormat]: K };
registerEnumType(ExportFormatEnum, { name: 'ExportFormat', description: 'JSON (nodes and edges), GRAPHML, or W3C PROV_JSON.' });

@ObjectType({ description: 'A signed subgraph export. Save `file` and check it offline with `npm run verify-export`.' })
export class SubgraphExport {
  @NotRestricted('counts, parameters and hashes of the content; the export applies the policy before signing')
  @Field(() => JSONObjectScalar, {
    description: 'What was exported, by whom and when, the SHA-256 of `content`, counts and omitted counts; this is what is signed.',
  })
  manifest!: Record<string, unknown>;
  @Field(() => String, { description: 'Ed25519 signature (base64) over the RFC 8785 canonical JSON of the manifest.' }) signature!: string;
  @NotRestricted('the export applies the restricted-data policy to every node before rendering and signing')
  @Field(() => String, { description: 'The export itself, in the requested format.' })
  content!: string;
  @Field(() => String, { description: 'Manifest, signature and content as one JSON document (the export file).' }) file!: string;
  @Field(() => Int, { description: 'Nodes left out because the caller may not see them (and those only reachable through them).' }) omittedRestricted!: number;
  @Field(() => Int, { description: 'Neighbours counted but not exported (groups larger than neighbourLimit).' }) omittedAggregated!: number;
}

@ObjectType({ description: 'The public key that verifies export signatures.' })
export class ExportPublicKey {
  @Field(() => String) algorithm!: string;
  @Field(() => String, { description: 'First 16 hex digits of the SHA-256 of the key (SPKI DER); manifests name it.' }) keyId!: string;
  @Field(() => String, { description: 'SPKI, PEM.' }) pem!: string;
}

@ArgsType()
export class ExportSubgraphArgs {
  @Field(() => String, { description: 'A prediction, model version or dataset.' }) rootId!: string;
  @Field(() => LineageDirectionEnum, { defaultValue: 'UPSTREAM' }) direction!: LineageDirection;
  @Field(() => Int, { defaultValue: 3, description: 'Hops to walk, 0–10 (more is an error, not a silent cap).' }) depth!: number;
  @Field(() => ExportFormatEnum, { defaultValue: 'JSON' }) format!: ExportFormat;
  @Field(() => Int, { defaultValue: 100, description: 'Largest neighbour group exported whole (1–500); bigger groups are counted in the manifest.' })
  neighbourLimit!: number;
}
