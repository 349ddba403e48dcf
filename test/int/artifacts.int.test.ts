/**
 * Model versions and their artifacts: `ModelVersionView.artifact` tells whether the store holds
 * the bytes a version's sha256 digest names (other digest forms have no artifact), exports
 * carry each model version's digest, and finding the versions that name a digest is one index
 * seek. The SDK uploads through the real endpoints.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LineageClient } from '@ion-lineage/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Digest } from '../../server/src/artifacts/artifact-store';
import { Role } from '../../server/src/auth/roles';
import { chainBundle, chainIds } from '../support/fixtures';
import { ingestBundle } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';

const PREFIX = 'int.artifacts';
const ids = chainIds(PREFIX);
const stored = randomBytes(4096);
const storedDigest = sha256Digest(stored);
const missingDigest = sha256Digest(randomBytes(16));

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ wipe: true });
  const bundle = chainBundle(PREFIX);
  const digests: Record<string, string> = {
    [ids.modelVersions.gbm]: storedDigest,
    [ids.modelVersions.logreg]: missingDigest,
    [ids.modelVersions.ensemble]: 'md5:0123',
  };
  bundle.modelVersions = bundle.modelVersions!.map((mv) => ({ ...mv, digest: digests[mv.id] }));
  await ingestBundle(server, bundle);
  await server.graph.services.artifacts.put(storedDigest, stored);
}, 240_000);

afterAll(async () => {
  await server?.close();
});

const ARTIFACT = 'query($id: String!) { modelVersion(id: $id) { digest artifact { digest stored size } } }';

describe('ModelVersionView.artifact', () => {
  it('says whether the store holds the bytes the digest names, and their size', async () => {
    const artifactOf = async (id: string) => {
      const { body } = await server.gql<{ modelVersion: { digest: string | null; artifact: unknown } }>(ARTIFACT, { id }, { as: Role.SCIENTIST });
      expect(body.errors).toBeUndefined();
      return body.data!.modelVersion.artifact;
    };
    expect(await artifactOf(ids.modelVersions.gbm)).toEqual({ digest: storedDigest, stored: true, size: 4096 });
    expect(await artifactOf(ids.modelVersions.logreg)).toEqual({ digest: missingDigest, stored: false, size: null });
    // Only sha256 digests address artifacts.
    expect(await artifactOf(ids.modelVersions.ensemble)).toBeNull();
  });
});

describe('exports', () => {
  it("carry each model version's artifact digest", async () => {
    const { body } = await server.gql<{ exportSubgraph: { content: string } }>(
      'query($rootId: String!) { exportSubgraph(rootId: $rootId, direction: DOWNSTREAM, depth: 1) { content } }',
      { rootId: ids.modelVersions.gbm },
      { as: Role.AUDITOR },
    );
    expect(body.errors).toBeUndefined();
    const content = JSON.parse(body.data!.exportSubgraph.content) as { nodes: Array<{ id: string; properties: Record<string, unknown> }> };
    expect(content.nodes.find((n) => n.id === ids.modelVersions.gbm)?.properties.digest).toBe(storedDigest);
  });
});

describe('artifacts/model-versions', () => {
  it('finds the versions naming a digest by index seek, never a label scan', async () => {
    const text = server.graph.registry.get('artifacts/model-versions').text;
    const session = server.graph.driver.session();
    try {
      const plan = JSON.stringify((await session.run(`EXPLAIN ${text}`, { digest: storedDigest })).summary.plan);
      expect(plan).toMatch(/NodeIndexSeek/);
      expect(plan).not.toMatch(/NodeByLabelScan|AllNodesScan/);
    } finally {
      await session.close();
    }
    const rows = await server.graph.services.executor.run<{ id: string } & Record<string, unknown>>('artifacts/model-versions', { digest: storedDigest });
    expect(rows.map((r) => r.id)).toEqual([ids.modelVersions.gbm]);
  });
});

describe('the SDK', () => {
  it('uploads an artifact once: created, then found already stored, the same bytes in the store', async () => {
    const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-sdk-artifacts-'));
    const client = new LineageClient({ url: `${server.url}/graphql`, token: await server.token(Role.INGEST), spoolDir });
    try {
      const model = randomBytes(10_000);
      const first = await client.uploadArtifact(model);
      expect(first).toEqual({ digest: sha256Digest(model), created: true, size: 10_000 });
      expect(await client.uploadArtifact(model)).toEqual({ ...first, created: false });
      expect(Buffer.from((await server.graph.services.artifacts.get(first.digest))!).equals(model)).toBe(true);
    } finally {
      await client.close({ timeoutMs: 1000 });
      fs.rmSync(spoolDir, { recursive: true, force: true });
    }
  });
});
