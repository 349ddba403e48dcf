/**
 * Signed subgraph exports on the demo scenario over GraphQL and the download route: content
 * and manifest verify with the served public key (in-process and with the CLI), depth is
 * refused past 10 naming `depth`, restricted predictions are left out and counted for a caller
 * without clearance, fan-ins are counted not listed, and every export is in the access audit.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import type { ExportEnvelope } from '../../server/src/export/export.signing';
import { verifyEnvelope } from '../../server/src/export/export.signing';
import type { ExportGraph } from '../../server/src/export/export.formats';
import type { DemoScenario } from '../../seed/src/scenario/types';
import { loadDemoGraph } from '../support/demo-graph';
import type { TestGraph } from '../support/neo4j';
import { type Caller, startTestServer, type TestServer } from '../support/server';

const run = promisify(execFile);
const REPO = path.resolve(import.meta.dirname, '..', '..');
let graph: TestGraph;
let scenario: DemoScenario;
let server: TestServer;
let publicKey: string;
let tmp: string;

const EXPORT = `query($rootId: String!, $direction: LineageDirection, $depth: Int, $format: ExportFormat, $neighbourLimit: Int) {
  exportSubgraph(rootId: $rootId, direction: $direction, depth: $depth, format: $format, neighbourLimit: $neighbourLimit) { manifest signature content file omittedRestricted omittedAggregated }
}`;
type Export = { manifest: ExportEnvelope['manifest']; signature: string; content: string; file: string; omittedRestricted: number; omittedAggregated: number };

async function exportAs(as: Caller, variables: Record<string, unknown>): Promise<Export> {
  const { body } = await server.gql<{ exportSubgraph: Export }>(EXPORT, variables, { as });
  expect(body.errors).toBeUndefined();
  return body.data!.exportSubgraph;
}

const sample = (label: string) => scenario.truth.samples.find((s) => s.label === label)!.expected;

beforeAll(async () => {
  ({ graph, scenario } = await loadDemoGraph({ seed: 42, predictions: 2_000, readOnly: true }));
  server = await startTestServer();
  publicKey = await (await fetch(`${server.url}/api/v1/export/public-key`)).text();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'export-test-'));
}, 180_000);

afterAll(async () => {
  await server?.close();
  await graph?.driver.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('exportSubgraph', () => {
  it('exports the why-subgraph of a prediction, signed; the public key is served both ways', async () => {
    const truth = sample('ensemble');
    const result = await exportAs(Role.AUDITOR, { rootId: truth.predictionId, direction: 'UPSTREAM', depth: 6 });
    const content = JSON.parse(result.content) as ExportGraph & { root: string };
    const ids = new Set(content.nodes.map((n) => n.id));
    for (const id of [
      truth.predictionId,
      ...truth.modelVersionIds,
      ...truth.ensembleMembers.map((m) => m.modelVersionId),
      ...truth.trainingRunIds,
      ...truth.datasetVersionIds,
    ])
      expect(ids.has(id), id).toBe(true);
    expect(content.root).toBe(truth.predictionId);
    expect(result.manifest).toMatchObject({
      query: 'exportSubgraph',
      parameters: { rootId: truth.predictionId, direction: 'UPSTREAM', depth: 6, format: 'JSON' },
      generatedBy: { roles: ['AUDITOR'] },
    });
    expect(result.manifest.counts.nodes).toBe(content.nodes.length);
    expect(result.manifest.counts.edges).toBe(content.edges.length);
    expect(verifyEnvelope(JSON.parse(result.file) as ExportEnvelope, publicKey)).toMatchObject({ ok: true });
    const gqlKey = await server.gql<{ exportPublicKey: { pem: string; keyId: string } }>(`{ exportPublicKey { pem keyId } }`, {}, { as: Role.AUDITOR });
    expect(gqlKey.body.data!.exportPublicKey.pem).toBe(publicKey);
    expect(gqlKey.body.data!.exportPublicKey.keyId).toBe(result.manifest.signature.keyId);
  });

  it('verifies offline with the CLI, and names what was tampered with', async () => {
    const truth = sample('rollback');
    const result = await exportAs(Role.INVESTIGATOR, { rootId: truth.predictionId, depth: 4, format: 'GRAPHML' });
    const file = path.join(tmp, 'export.json');
    const keyFile = path.join(tmp, 'key.pem');
    fs.writeFileSync(file, result.file);
    fs.writeFileSync(keyFile, publicKey);
    const cli = (args: string[]) =>
      run(process.execPath, ['--import', 'tsx', path.join(REPO, 'server/src/export/verify-cli.ts'), ...args], { cwd: REPO }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const good = await cli([file, '--key', keyFile]);
    expect(good.out).toMatch(/^OK /);
    expect(good.code).toBe(0);
    const fromUrl = await cli([file, '--key', `${server.url}/api/v1/export/public-key`]);
    expect(fromUrl.code).toBe(0);
    const envelope = JSON.parse(result.file) as ExportEnvelope;
    fs.writeFileSync(file, JSON.stringify({ ...envelope, content: envelope.content.replace('</graphml>', '<!-- edited --></graphml>') }));
    const bad = await cli([file, '--key', keyFile]);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/INVALID[\s\S]*SHA-256/);
    fs.writeFileSync(file, JSON.stringify({ ...envelope, manifest: { ...envelope.manifest, generatedAt: '2020-01-01T00:00:00.000Z' } }));
    expect((await cli([file, '--key', keyFile])).out).toMatch(/signature: does not verify/);
  });

  it('GraphML content parses and holds the same nodes as JSON', async () => {
    const truth = sample('ensemble');
    const [xml, json] = await Promise.all([
      exportAs(Role.AUDITOR, { rootId: truth.predictionId, depth: 6, format: 'GRAPHML' }),
      exportAs(Role.AUDITOR, { rootId: truth.predictionId, depth: 6, format: 'JSON' }),
    ]);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', isArray: (n) => ['node', 'edge', 'data', 'key'].includes(n) }).parse(
      xml.content,
    ) as {
      graphml: { graph: { node: Array<{ '@_id': string }>; edge: unknown[] } };
    };
    const nodes = (JSON.parse(json.content) as ExportGraph).nodes;
    expect(parsed.graphml.graph.node.map((n) => n['@_id']).sort()).toEqual(nodes.map((n) => n.id).sort());
    expect(parsed.graphml.graph.edge.length).toBe(xml.manifest.counts.edges);
    expect(xml.manifest.contentType).toBe('application/graphml+xml');
  });

  it('refuses depth 10,000, naming depth, over GraphQL and the download route', async () => {
    const { body } = await server.gql(EXPORT, { rootId: sample('ensemble').predictionId, depth: 10_000 }, { as: Role.AUDITOR });
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/depth/);
    expect(body.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ path: 'depth' })]);
    const response = await fetch(`${server.url}/api/v1/export?rootId=${sample('ensemble').predictionId}&depth=10000`, {
      headers: await server.headers(Role.AUDITOR),
    });
    expect(response.status).toBe(400);
    const rest = (await response.json()) as { errors: Array<{ extensions: { code: string; problems: Array<{ path: string }> } }> };
    expect(rest.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'depth' }] });
  });

  it('starts only from a prediction, model version or dataset; unknown ids are NOT_FOUND', async () => {
    const wrong = await server.gql(EXPORT, { rootId: sample('ensemble').inferenceRunId }, { as: Role.AUDITOR });
    expect(wrong.body.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ path: 'rootId' })]);
    const missing = await server.gql(EXPORT, { rootId: 'no-such-node' }, { as: Role.AUDITOR });
    expect(missing.body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('leaves restricted predictions out for a caller without clearance, counts them, and never leaks them', async () => {
    const truth = sample('ensemble');
    const variables = { rootId: truth.predictionId, direction: 'BOTH', depth: 2, neighbourLimit: 500 };
    const cleared = await exportAs(Role.AUDITOR, variables);
    const admin = await exportAs(Role.ADMIN, variables);
    const clear = JSON.parse(cleared.content) as ExportGraph;
    const masked = JSON.parse(admin.content) as ExportGraph;
    const siblings = clear.nodes.filter((n) => n.type === 'Prediction' && n.id !== truth.predictionId);
    expect(siblings.length).toBeGreaterThan(0);
    expect(admin.manifest.omitted.restricted).toBe(siblings.length);
    expect(admin.omittedRestricted).toBe(admin.manifest.omitted.restricted + admin.manifest.omitted.unreachable);
    expect(masked.nodes.length + admin.omittedRestricted).toBe(clear.nodes.length);
    expect(masked.nodes.filter((n) => n.type === 'Prediction').map((n) => n.id)).toEqual([truth.predictionId]);
    for (const s of siblings) expect(admin.content).not.toContain(s.id);
    for (const key of new Set(clear.nodes.filter((n) => n.type === 'Prediction').map((n) => String(n.properties.subjectKey))))
      expect(admin.content).not.toContain(key);
    const root = masked.nodes.find((n) => n.id === truth.predictionId)!;
    expect(String(root.properties.subjectKey)).toMatch(/^masked:/);
    expect(admin.manifest.masked).toBe(1);
    expect(cleared.manifest.omitted.restricted).toBe(0);
    // Deeper, hidden predictions have neighbour groups of their own: those are counted, not named.
    const deeper = await exportAs(Role.ADMIN, { ...variables, depth: 3, neighbourLimit: 1 });
    const deeperIds = new Set((JSON.parse(deeper.content) as ExportGraph).nodes.map((n) => n.id));
    expect(deeper.manifest.omitted.groups.every((g) => deeperIds.has(g.nodeId))).toBe(true);
    for (const s of siblings) expect(deeper.file).not.toContain(s.id);
    expect(verifyEnvelope(JSON.parse(admin.file) as ExportEnvelope, publicKey).ok).toBe(true);
  });

  it('counts a fan-in larger than neighbourLimit instead of listing it', async () => {
    const mv = sample('ensemble').modelVersionIds[0]!;
    const [{ count }] = await graph.driver
      .executeQuery('MATCH (:Prediction)-[:USED]->(mv:ModelVersion {id: $mv}) RETURN count(*) AS count', { mv })
      .then((r) => r.records.map((x) => x.toObject() as { count: number }));
    const result = await exportAs(Role.AUDITOR, { rootId: mv, direction: 'DOWNSTREAM', depth: 1, neighbourLimit: 10 });
    expect(Number(count)).toBeGreaterThan(10);
    expect(result.manifest.omitted.groups).toContainEqual({ nodeId: mv, relType: 'USED', type: 'Prediction', count: Number(count) });
    expect(result.omittedAggregated).toBeGreaterThanOrEqual(Number(count));
    expect((JSON.parse(result.content) as ExportGraph).nodes.some((n) => n.type === 'Prediction')).toBe(false);
  });
});

describe('download route and access', () => {
  it('downloads a signed file for EXPORT roles; 403 for a scientist, 401 without a token', async () => {
    const truth = sample('ensemble');
    const url = `${server.url}/api/v1/export?rootId=${encodeURIComponent(truth.predictionId)}&depth=3&format=PROV_JSON`;
    const response = await fetch(url, { headers: await server.headers(Role.INVESTIGATOR) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="export-.*\.signed\.json"/);
    const envelope = (await response.json()) as ExportEnvelope;
    expect(verifyEnvelope(envelope, publicKey).ok).toBe(true);
    expect(envelope.manifest.contentType).toBe('application/prov+json');
    expect(response.headers.get('x-content-sha256')).toBe(envelope.manifest.contentSha256);
    expect((await fetch(url, { headers: await server.headers(Role.SCIENTIST) })).status).toBe(403);
    expect((await fetch(url)).status).toBe(401);
    const graphql = await server.gql(EXPORT, { rootId: truth.predictionId }, { as: Role.SCIENTIST });
    expect(graphql.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('records every export in the access audit', async () => {
    const root = sample('control-differs').predictionId;
    await exportAs(Role.AUDITOR, { rootId: root, depth: 1 });
    await fetch(`${server.url}/api/v1/export?rootId=${encodeURIComponent(root)}&depth=1`, { headers: await server.headers(Role.INVESTIGATOR) });
    const log = await server.gql<{
      accessLog: { entries: Array<{ action: string; operation: string; principalId: string; details: { contentSha256: string } }> };
    }>(`query($id: String!) { accessLog(targetId: $id) { entries { action operation principalId details } } }`, { id: root }, { as: Role.AUDITOR });
    const exports = log.body.data!.accessLog.entries.filter((e) => e.action === 'export');
    expect(exports.map((e) => e.operation).sort()).toEqual(['GET /api/v1/export', 'exportSubgraph']);
    expect(exports.every((e) => /^[0-9a-f]{64}$/.test(e.details.contentSha256))).toBe(true);
  });
});
