/**
 * Pure renderers of an exported subgraph: plain JSON, GraphML (built with fast-xml-parser's
 * XMLBuilder) and W3C PROV-JSON. Each returns the exact text that is hashed and signed.
 */
import { XMLBuilder } from 'fast-xml-parser';

export interface ExportNode {
  id: string;
  type: string;
  label: string;
  properties: Record<string, unknown>;
}

export interface ExportEdge {
  source: string;
  target: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface ExportGraph {
  rootId: string;
  nodes: ExportNode[];
  edges: ExportEdge[];
}

export const EXPORT_FORMATS = ['JSON', 'GRAPHML', 'PROV_JSON'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  JSON: 'application/json',
  GRAPHML: 'application/graphml+xml',
  PROV_JSON: 'application/prov+json',
};

export const FILE_EXTENSIONS: Record<ExportFormat, string> = { JSON: 'json', GRAPHML: 'graphml', PROV_JSON: 'provn.json' };

export function render(format: ExportFormat, graph: ExportGraph): string {
  switch (format) {
    case 'JSON':
      return toJson(graph);
    case 'GRAPHML':
      return toGraphMl(graph);
    case 'PROV_JSON':
      return JSON.stringify(toProv(graph));
  }
}

export function toJson(graph: ExportGraph): string {
  return JSON.stringify({ root: graph.rootId, nodes: graph.nodes, edges: graph.edges });
}

// Characters XML 1.0 cannot carry at all, not even escaped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe for XML 1.0: markup characters are escaped by the builder; unusable ones become \uXXXX. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** GraphML: node type, label and properties (as JSON text); edge type and properties. */
export function toGraphMl(graph: ExportGraph): string {
  const data = (key: string, value: string) => ({ '@_key': key, '#text': xmlText(value) });
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    graphml: {
      '@_xmlns': 'http://graphml.graphdrawing.org/xmlns',
      key: [
        { '@_id': 'type', '@_for': 'node', '@_attr.name': 'type', '@_attr.type': 'string' },
        { '@_id': 'label', '@_for': 'node', '@_attr.name': 'label', '@_attr.type': 'string' },
        { '@_id': 'properties', '@_for': 'node', '@_attr.name': 'properties', '@_attr.type': 'string' },
        { '@_id': 'root', '@_for': 'node', '@_attr.name': 'root', '@_attr.type': 'boolean' },
        { '@_id': 'relType', '@_for': 'edge', '@_attr.name': 'type', '@_attr.type': 'string' },
        { '@_id': 'relProperties', '@_for': 'edge', '@_attr.name': 'properties', '@_attr.type': 'string' },
      ],
      graph: {
        '@_id': 'lineage',
        '@_edgedefault': 'directed',
        node: graph.nodes.map((n) => ({
          '@_id': xmlText(n.id),
          data: [data('type', n.type), data('label', n.label), data('properties', JSON.stringify(n.properties)), data('root', String(n.id === graph.rootId))],
        })),
        edge: graph.edges.map((e, i) => ({
          '@_id': `e${i}`,
          '@_source': xmlText(e.source),
          '@_target': xmlText(e.target),
          data: [data('relType', e.type), data('relProperties', JSON.stringify(e.properties))],
        })),
      },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, processEntities: true, suppressEmptyNode: true });
  return builder.build(document) as string;
}

/** PROV namespace prefix for this service's identifiers and attributes. */
export const PROV_PREFIX = { ion: 'urn:ion-lineage:' };

/** A PROV qualified name for a node id: characters outside [A-Za-z0-9._-] are percent-encoded. */
export function provId(id: string): string {
  return `ion:${[...Buffer.from(id, 'utf8')].map((b) => (/[A-Za-z0-9._-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('')}`;
}

type ProvKind = 'entity' | 'activity' | 'agent';
const KIND_OF: Record<string, ProvKind> = { Run: 'activity', Approval: 'activity', Principal: 'agent' };

type Relation = 'used' | 'wasGeneratedBy' | 'wasAssociatedWith' | 'wasDerivedFrom' | 'wasAttributedTo' | 'specializationOf' | 'wasInfluencedBy';

/**
 * How each stored relationship reads in PROV, from its stored start node (s) to its end (t):
 * the relation and which PROV roles s and t play. Anything else is a generic influence.
 */
const RELATIONS: Record<string, { relation: Relation; roles: [string, string] }> = {
  READ: { relation: 'used', roles: ['prov:activity', 'prov:entity'] },
  USED_FEATURE: { relation: 'used', roles: ['prov:activity', 'prov:entity'] },
  LOADED: { relation: 'used', roles: ['prov:activity', 'prov:entity'] },
  REVIEWS: { relation: 'used', roles: ['prov:activity', 'prov:entity'] },
  PRODUCED: { relation: 'wasGeneratedBy', roles: ['prov:activity', 'prov:entity'] },
  MADE_BY: { relation: 'wasGeneratedBy', roles: ['prov:entity', 'prov:activity'] },
  TRIGGERED_BY: { relation: 'wasAssociatedWith', roles: ['prov:activity', 'prov:agent'] },
  DECIDED: { relation: 'wasAssociatedWith', roles: ['prov:agent', 'prov:activity'] },
  UPLOADED_BY: { relation: 'wasAttributedTo', roles: ['prov:entity', 'prov:agent'] },
  USED: { relation: 'wasDerivedFrom', roles: ['prov:generatedEntity', 'prov:usedEntity'] },
  HAS_MEMBER: { relation: 'wasDerivedFrom', roles: ['prov:generatedEntity', 'prov:usedEntity'] },
  DERIVED_FROM: { relation: 'wasDerivedFrom', roles: ['prov:generatedEntity', 'prov:usedEntity'] },
  VERSION_OF: { relation: 'specializationOf', roles: ['prov:specificEntity', 'prov:generalEntity'] },
};

/** The PROV kind of a node type: runs and approvals are activities, principals agents, the rest entities. */
export function provKindOf(type: string): ProvKind {
  return KIND_OF[type] ?? 'entity';
}

function literal(value: unknown): unknown {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value : { $: String(value), type: 'xsd:double' };
  return JSON.stringify(value);
}

/**
 * W3C PROV-JSON: datasets, dataset versions, features, models, model versions and predictions
 * are entities; runs (and approval decisions) activities; principals agents (prov:Person or
 * prov:SoftwareAgent). Stored relationships become used, wasGeneratedBy, wasAssociatedWith,
 * wasDerivedFrom, wasAttributedTo and specializationOf; the rest (pipeline topology,
 * deployments, events) wasInfluencedBy with the stored type in `ion:relation`.
 */
export function toProv(graph: ExportGraph): Record<string, unknown> {
  const doc: Record<string, Record<string, unknown>> = { prefix: PROV_PREFIX, entity: {}, activity: {}, agent: {} };
  const kinds = new Map<string, ProvKind>();
  for (const n of graph.nodes) {
    const kind = provKindOf(n.type);
    kinds.set(n.id, kind);
    const attributes: Record<string, unknown> = {
      'prov:type': {
        $: n.type === 'Principal' ? (n.properties.kind === 'SERVICE' ? 'prov:SoftwareAgent' : 'prov:Person') : `ion:${n.type}`,
        type: 'prov:QUALIFIED_NAME',
      },
      'prov:label': n.label,
      'ion:id': n.id,
    };
    if (kind === 'activity') {
      const start = n.properties.startedAt ?? n.properties.at;
      if (typeof start === 'string') attributes['prov:startTime'] = start;
      if (typeof n.properties.endedAt === 'string') attributes['prov:endTime'] = n.properties.endedAt;
    }
    for (const [key, value] of Object.entries(n.properties)) {
      if (value === null || value === undefined || key === 'id') continue;
      attributes[`ion:${key.replace(/[^A-Za-z0-9_]/g, '_')}`] = literal(value);
    }
    doc[kind]![provId(n.id)] = attributes;
  }
  let counter = 0;
  for (const e of graph.edges) {
    const mapped = RELATIONS[e.type];
    const fits = mapped && rolesFit(mapped.roles, kinds.get(e.source), kinds.get(e.target));
    const relation: Relation = fits ? mapped.relation : 'wasInfluencedBy';
    const [sourceRole, targetRole] = fits ? mapped.roles : ['prov:influencee', 'prov:influencer'];
    const record: Record<string, unknown> = { [sourceRole]: provId(e.source), [targetRole]: provId(e.target), 'ion:relation': e.type };
    if (e.type === 'HAS_MEMBER' && typeof e.properties.weight === 'number') record['ion:weight'] = literal(e.properties.weight);
    if (e.type === 'LOADED' && typeof e.properties.at === 'string') record['prov:time'] = e.properties.at;
    (doc[relation] ??= {})[`_:${relation}${(counter += 1)}`] = record;
  }
  return doc;
}

const ROLE_KIND: Record<string, ProvKind> = {
  'prov:activity': 'activity',
  'prov:entity': 'entity',
  'prov:agent': 'agent',
  'prov:generatedEntity': 'entity',
  'prov:usedEntity': 'entity',
  'prov:specificEntity': 'entity',
  'prov:generalEntity': 'entity',
};

/** A relation is only used when both ends are of the kinds PROV requires for its roles. */
function rolesFit(roles: [string, string], source: ProvKind | undefined, target: ProvKind | undefined): boolean {
  return ROLE_KIND[roles[0]] === source && ROLE_KIND[roles[1]] === target;
}
