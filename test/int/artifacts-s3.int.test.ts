/**
 * The S3 artifact store against a real S3-compatible server the test starts itself (moto in
 * server mode): the same contract as the local folder, plus what only S3 has (prefixes, a
 * missing bucket surfacing as an error rather than as "not stored").
 */
import { randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactStoreFrom, sha256Digest } from '../../server/src/artifacts/artifact-store';
import { S3ArtifactStore } from '../../server/src/artifacts/s3-artifact-store';
import { Role } from '../../server/src/auth/roles';
import { artifactStoreContract } from '../support/artifact-store-contract';
import { startTestServer } from '../support/server';
import { MOTO_CREDENTIALS, type MotoS3, startMotoS3 } from '../support/moto-s3';

let moto: MotoS3;
const BUCKET = 'ion-artifacts';

beforeAll(async () => {
  moto = await startMotoS3();
  await moto.createBucket(BUCKET);
});
afterAll(async () => {
  await moto?.stop();
});

const s3Store = (prefix = `test-${randomUUID()}`, bucket = BUCKET) =>
  new S3ArtifactStore({ bucket, prefix, endpoint: moto.endpoint, credentials: MOTO_CREDENTIALS });

artifactStoreContract('S3ArtifactStore', {
  store: () => s3Store(),
  tamper: async (store, digest, bytes) => {
    const s3 = store as S3ArtifactStore;
    await moto.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: s3.keyOf(digest), Body: bytes }));
  },
});

describe('S3ArtifactStore specifics', () => {
  it('keeps prefixes apart: bytes stored under one prefix are not seen under another', async () => {
    const bytes = new TextEncoder().encode(`prefixed ${randomUUID()}`);
    const digest = sha256Digest(bytes);
    const one = s3Store('team-a');
    await one.put(digest, bytes);
    expect(await one.has(digest)).toBe(true);
    expect(await s3Store('team-b').has(digest)).toBe(false);
  });

  it('surfaces a missing bucket as an error, not as "not stored"', async () => {
    const bytes = new TextEncoder().encode('no bucket');
    await expect(s3Store('x', 'no-such-bucket').put(sha256Digest(bytes), bytes)).rejects.toThrow();
    await expect(s3Store('x', 'no-such-bucket').get(sha256Digest(bytes))).rejects.toThrow(/bucket/i);
  });

  it('is what the environment configures, with credentials from the standard AWS chain', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = MOTO_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = MOTO_CREDENTIALS.secretAccessKey;
    try {
      const store = artifactStoreFrom({ ARTIFACT_S3_BUCKET: BUCKET, ARTIFACT_S3_ENDPOINT: moto.endpoint, ARTIFACT_S3_PREFIX: 'from-env' });
      expect(store).toBeInstanceOf(S3ArtifactStore);
      const bytes = new TextEncoder().encode(`from env ${randomUUID()}`);
      expect((await store.put(sha256Digest(bytes), bytes)).created).toBe(true);
      expect(await s3Store('from-env').has(sha256Digest(bytes))).toBe(true);
    } finally {
      for (const [name, value] of [
        ['AWS_ACCESS_KEY_ID', saved.id],
        ['AWS_SECRET_ACCESS_KEY', saved.secret],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('serves the REST endpoints from the bucket: upload, verified download, a replaced object refused', async () => {
    const store = s3Store();
    const server = await startTestServer({ artifacts: store });
    try {
      const bytes = new TextEncoder().encode(`over rest ${randomUUID()}`);
      const digest = sha256Digest(bytes);
      const url = `${server.url}/api/v1/artifacts/${digest}`;
      const put = await fetch(url, { method: 'PUT', headers: await server.headers(Role.INGEST), body: bytes });
      expect(put.status).toBe(201);
      const auditor = await server.headers(Role.AUDITOR);
      const get = await fetch(url, { headers: auditor });
      expect(get.status).toBe(200);
      expect(Buffer.from(await get.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
      await moto.client.send(new PutObjectCommand({ Bucket: store.bucket, Key: store.keyOf(digest), Body: 'a trojan model' }));
      expect((await fetch(url, { headers: auditor })).status).toBe(409);
    } finally {
      await server.close();
    }
  });
});
