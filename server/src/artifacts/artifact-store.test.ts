import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { artifactStoreContract } from '../../../test/support/artifact-store-contract';
import { artifactStoreFrom, LocalArtifactStore } from './artifact-store';
import { S3ArtifactStore } from './s3-artifact-store';

const dirs: string[] = [];
afterAll(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

artifactStoreContract('LocalArtifactStore', {
  store: () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'artifacts-'));
    dirs.push(dir);
    return new LocalArtifactStore(dir);
  },
  tamper: async (store, digest, bytes) => {
    const hex = digest.slice('sha256:'.length);
    fs.writeFileSync(path.join((store as LocalArtifactStore).dir, hex.slice(0, 2), hex), bytes);
  },
});

describe('artifactStoreFrom', () => {
  it('uses the local folder unless a bucket is configured', () => {
    const store = artifactStoreFrom({ ARTIFACT_DIR: '/srv/artifacts' });
    expect(store).toBeInstanceOf(LocalArtifactStore);
    expect((store as LocalArtifactStore).dir).toBe('/srv/artifacts');
  });

  it('uses S3 when ARTIFACT_S3_BUCKET is set, path-style for a custom endpoint, keys under the prefix', () => {
    const store = artifactStoreFrom({ ARTIFACT_S3_BUCKET: 'models', ARTIFACT_S3_ENDPOINT: 'http://minio.internal:9000', ARTIFACT_S3_PREFIX: 'prod' });
    expect(store).toBeInstanceOf(S3ArtifactStore);
    const s3 = store as S3ArtifactStore;
    expect(s3.keyOf(`sha256:${'ab'.repeat(32)}`)).toBe(`prod/sha256/${'ab'.repeat(32)}`);
    expect(s3.description).toBe('S3 bucket models under prod/ at minio.internal:9000');
    expect(() => s3.keyOf('sha256:../../x')).toThrow(/sha256/);
  });

  it('refuses a path-style setting that is not true or false', () => {
    expect(() => artifactStoreFrom({ ARTIFACT_S3_BUCKET: 'models', ARTIFACT_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/ARTIFACT_S3_FORCE_PATH_STYLE/);
  });
});
