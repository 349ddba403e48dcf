import type { ExportEnvelope } from './export.signing';
import type { SubgraphExport } from './export.types';

/** The export file: manifest, signature and content as one JSON document. */
export function envelopeFile(envelope: ExportEnvelope): string {
  return `${JSON.stringify({ manifest: envelope.manifest, signature: envelope.signature, content: envelope.content }, null, 2)}\n`;
}

export function toGraphqlExport(envelope: ExportEnvelope): SubgraphExport {
  const { omitted } = envelope.manifest;
  return {
    manifest: envelope.manifest as unknown as Record<string, unknown>,
    signature: envelope.signature,
    content: envelope.content,
    file: envelopeFile(envelope),
    omittedRestricted: omitted.restricted + omitted.unreachable,
    omittedAggregated: omitted.aggregated,
  };
}

/** What the access audit records about an export. */
export function auditDetails(envelope: ExportEnvelope): Record<string, unknown> {
  const m = envelope.manifest;
  return {
    format: m.parameters.format,
    direction: m.parameters.direction,
    depth: m.parameters.depth,
    contentSha256: m.contentSha256,
    nodes: m.counts.nodes,
    edges: m.counts.edges,
    omitted: { restricted: m.omitted.restricted, unreachable: m.omitted.unreachable, aggregated: m.omitted.aggregated },
  };
}
