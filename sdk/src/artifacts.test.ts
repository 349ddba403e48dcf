/**
 * `uploadArtifact` against a small HTTP peer that answers like the artifact endpoint (the real
 * server is exercised in test/int/artifacts.int.test.ts): HEAD before PUT, the digest in the
 * path, the token sent, refusals surfaced with the server's code and problems.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { artifactsUrlFor, uploadArtifact } from './artifacts.js';
import { DeliveryError } from './errors.js';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: Buffer;
}

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A peer holding `stored` digests; PUT stores, or answers `refuse` when given. */
async function peer(stored: Set<string>, refuse?: { status: number; code: string }) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const digest = decodeURIComponent(req.url!.split('/').pop()!);
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body: Buffer.concat(chunks) });
      if (req.method === 'HEAD') return void res.writeHead(stored.has(digest) ? 200 : 404).end();
      if (refuse) {
        res.writeHead(refuse.status, { 'content-type': 'application/json' });
        return void res.end(
          JSON.stringify({ errors: [{ message: 'refused', extensions: { code: refuse.code, problems: [{ path: 'digest', message: 'bad' }] } }] }),
        );
      }
      stored.add(digest);
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ digest, size: Buffer.concat(chunks).length, created: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, transport: { artifactsUrl: artifactsUrlFor(`${base}/graphql`), token: 'tok', timeoutMs: 5000, fetch } };
}

const bytes = new TextEncoder().encode('an onnx model');
const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

describe('uploadArtifact', () => {
  it('asks first, then PUTs the bytes under their digest with the token', async () => {
    const { seen, transport } = await peer(new Set());
    expect(await uploadArtifact(transport, bytes)).toEqual({ digest, created: true, size: bytes.length });
    expect(seen.map((s) => [s.method, s.url])).toEqual([
      ['HEAD', `/api/v1/artifacts/${digest}`],
      ['PUT', `/api/v1/artifacts/${digest}`],
    ]);
    expect(seen[1]!.body.equals(Buffer.from(bytes))).toBe(true);
    expect(seen[1]!.authorization).toBe('Bearer tok');
  });

  it('sends nothing when the service holds the bytes already', async () => {
    const { seen, transport } = await peer(new Set([digest]));
    expect(await uploadArtifact(transport, bytes)).toEqual({ digest, created: false, size: bytes.length });
    expect(seen.map((s) => s.method)).toEqual(['HEAD']);
  });

  it("rejects with the server's code and problems when refused (not retried for a 4xx)", async () => {
    const { transport } = await peer(new Set(), { status: 413, code: 'LIMIT_EXCEEDED' });
    const error = await uploadArtifact(transport, bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeliveryError);
    expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', status: 413, transient: false, problems: [{ path: 'digest' }] });
  });
});

describe('artifactsUrlFor', () => {
  it('puts the artifacts endpoint beside the GraphQL endpoint, under any mount path', () => {
    expect(artifactsUrlFor('http://lineage:4000/graphql')).toBe('http://lineage:4000/api/v1/artifacts');
    expect(artifactsUrlFor('https://example.org/lineage/graphql?x=1')).toBe('https://example.org/lineage/api/v1/artifacts');
  });
});
