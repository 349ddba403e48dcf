import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { type ExportGraph, provId, toGraphMl, toJson, toProv } from './export.formats';

const nasty = 'a <b> & "c" \'d\' ]]> \u0001 é 🙂';
const graph: ExportGraph = {
  rootId: 'pred-1',
  nodes: [
    { id: 'pred-1', type: 'Prediction', label: `p → ${nasty}`, properties: { subjectKey: 'masked:x', score: 0.5 } },
    { id: 'run/1', type: 'Run', label: 'INFERENCE run/1', properties: { startedAt: '2026-03-01T00:00:00Z', kind: 'INFERENCE' } },
    { id: 'mv-1', type: 'ModelVersion', label: 'mv', properties: { metrics: '{"auc":0.9}' } },
    { id: 'alice', type: 'Principal', label: 'Alice', properties: { kind: 'HUMAN' } },
    { id: 'ion-1', type: 'ION', label: 'ION', properties: {} },
  ],
  edges: [
    { source: 'pred-1', target: 'run/1', type: 'MADE_BY', properties: {} },
    { source: 'pred-1', target: 'mv-1', type: 'USED', properties: {} },
    { source: 'mv-1', target: 'alice', type: 'UPLOADED_BY', properties: {} },
    { source: 'run/1', target: 'alice', type: 'TRIGGERED_BY', properties: {} },
    { source: 'run/1', target: 'ion-1', type: 'OF_NODE', properties: {} },
  ],
};

describe('GraphML', () => {
  it('escapes markup and survives a round trip through an XML parser', () => {
    const xml = toGraphMl(graph);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(xml).not.toContain('\u0001');
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      isArray: (name) => ['node', 'edge', 'data', 'key'].includes(name),
    }).parse(xml) as {
      graphml: {
        graph: { node: Array<{ '@_id': string; data: Array<{ '@_key': string; '#text': string }> }>; edge: Array<{ '@_source': string; '@_target': string }> };
      };
    };
    const nodes = parsed.graphml.graph.node;
    expect(nodes.map((n) => n['@_id'])).toEqual(graph.nodes.map((n) => n.id));
    const label = nodes[0]!.data.find((d) => d['@_key'] === 'label')!['#text'];
    expect(label).toBe(`p → ${nasty.replace('\u0001', '\\u0001')}`);
    expect(JSON.parse(nodes[0]!.data.find((d) => d['@_key'] === 'properties')!['#text'])).toEqual(graph.nodes[0]!.properties);
    expect(parsed.graphml.graph.edge.map((e) => [e['@_source'], e['@_target']])).toEqual(graph.edges.map((e) => [e.source, e.target]));
  });
});

describe('PROV-JSON', () => {
  const prov = toProv(graph) as Record<string, Record<string, Record<string, unknown>>>;

  it('types nodes as entities, activities and agents', () => {
    expect(Object.keys(prov.entity!)).toEqual(['ion:pred-1', 'ion:mv-1', 'ion:ion-1']);
    expect(Object.keys(prov.activity!)).toEqual([provId('run/1')]);
    expect(prov.activity![provId('run/1')]!['prov:startTime']).toBe('2026-03-01T00:00:00Z');
    expect(prov.agent!['ion:alice']!['prov:type']).toEqual({ $: 'prov:Person', type: 'prov:QUALIFIED_NAME' });
    expect(provId('run/1')).toBe('ion:run%2F1');
  });

  it('maps stored relationships to PROV relations with the right roles', () => {
    const first = (relation: string) => Object.values(prov[relation]!)[0];
    expect(first('wasGeneratedBy')).toMatchObject({ 'prov:entity': 'ion:pred-1', 'prov:activity': 'ion:run%2F1' });
    expect(first('wasDerivedFrom')).toMatchObject({ 'prov:generatedEntity': 'ion:pred-1', 'prov:usedEntity': 'ion:mv-1' });
    expect(first('wasAttributedTo')).toMatchObject({ 'prov:entity': 'ion:mv-1', 'prov:agent': 'ion:alice' });
    expect(first('wasAssociatedWith')).toMatchObject({ 'prov:activity': 'ion:run%2F1', 'prov:agent': 'ion:alice' });
    expect(first('wasInfluencedBy')).toMatchObject({ 'prov:influencee': 'ion:run%2F1', 'prov:influencer': 'ion:ion-1', 'ion:relation': 'OF_NODE' });
  });

  it('plain JSON keeps nodes and edges as they are', () => {
    expect(JSON.parse(toJson(graph))).toEqual({ root: 'pred-1', nodes: graph.nodes, edges: graph.edges });
  });
});
