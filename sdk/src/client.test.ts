/**
 * The client against a small HTTP peer that answers like the lineage server (the real server
 * is exercised in test/int/sdk.int.test.ts and the fault tests): what goes on the wire,
 * batching, retries, dead letters and backpressure.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventInput } from '@ion-lineage/contract';
import { LineageClient, type LineageClientOptions } from './client.js';
import { QueueFullError, SpoolFullError } from './errors.js';

interface Seen {
  headers: http.IncomingHttpHeaders;
  ids: string[];
}

/** Answers each request with `answer(ids)`: counts, or an error status and code. */
async function peer(answer: (ids: string[], n: number) => { status: number; code?: string } | 'ok') {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      const bundle = (JSON.parse(text) as { variables: { bundle: Record<string, Array<{ id: string }>> } }).variables.bundle;
      const ids = Object.values(bundle).flatMap((items) => items.map((item) => item.id));
      seen.push({ headers: req.headers, ids });
      const reply = answer(ids, seen.length);
      res.setHeader('content-type', 'application/json');
      if (reply === 'ok') {
        res.end(JSON.stringify({ data: { ingest: { events: { created: ids.length, unchanged: 0 } } } }));
      } else {
        res.statusCode = reply.status;
        res.end(
          JSON.stringify({
            errors: [{ message: `refused: ${reply.code}`, extensions: { code: reply.code, problems: [{ path: 'events[0]', message: 'bad' }] } }],
          }),
        );
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function client(url: string, options: Partial<LineageClientOptions> = {}): LineageClient {
  const spoolDir = options.spoolDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ion-sdk-'));
  const made = new LineageClient({ url, spoolDir, token: 't0ken', clientId: 'scorer-1', retryMinMs: 10, retryMaxMs: 50, ...options });
  cleanups.push(() => fs.rmSync(spoolDir, { recursive: true, force: true }));
  cleanups.push(async () => void (await made.close({ timeoutMs: 1000 })));
  return made;
}

const event = (i: number): EventInput => ({ id: `ev-${i}`, runId: 'run-1', type: 'INFO', at: '2026-03-01T00:00:00Z', message: `m${i}` });

describe('LineageClient', () => {
  it('sends its token, client id and spool depth, in batches of at most batchSize, in order', async () => {
    const server = await peer(() => 'ok');
    cleanups.push(server.close);
    const sdk = client(server.url, { batchSize: 40 });
    for (let i = 0; i < 100; i++) void sdk.recordEvent(event(i));
    await sdk.flush();
    expect(server.seen.flatMap((s) => s.ids)).toEqual(Array.from({ length: 100 }, (_, i) => `ev-${i}`));
    expect(Math.max(...server.seen.map((s) => s.ids.length))).toBeLessThanOrEqual(40);
    const headers = server.seen[0]!.headers;
    expect(headers.authorization).toBe('Bearer t0ken');
    expect(headers['x-ion-sdk-client']).toBe('scorer-1');
    expect(Number(headers['x-ion-sdk-spool-depth'])).toBeGreaterThanOrEqual(40);
    expect(sdk.stats()).toMatchObject({ created: 100, spooled: 0, deadLettered: 0 });
  });

  it('sends a partial batch once flushIntervalMs has passed', async () => {
    const server = await peer(() => 'ok');
    cleanups.push(server.close);
    const sdk = client(server.url, { batchSize: 1000, flushIntervalMs: 50 });
    await sdk.recordEvents([event(1), event(2)]);
    const deadline = Date.now() + 5000;
    while (server.seen.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.seen[0]?.ids).toEqual(['ev-1', 'ev-2']);
  });

  it('retries 503s and an unreachable graph until the server takes the batch', async () => {
    const server = await peer((_ids, n) => (n === 1 ? { status: 503, code: 'HTTP_503' } : n === 2 ? { status: 200, code: 'GRAPH_UNAVAILABLE' } : 'ok'));
    cleanups.push(server.close);
    const retried: string[] = [];
    const sdk = client(server.url, { onRetry: (error) => retried.push(error.code) });
    await sdk.recordEvents([event(1), event(2), event(3)]);
    await sdk.flush();
    expect(retried).toEqual(['HTTP_503', 'GRAPH_UNAVAILABLE']);
    expect(server.seen.at(-1)!.ids).toEqual(['ev-1', 'ev-2', 'ev-3']);
    expect(sdk.stats().created).toBe(3);
  });

  it('isolates a record the server refuses and writes it to the dead-letter file with the error', async () => {
    // The server refuses any batch holding ev-5, the way a transaction fails whole.
    const server = await peer((ids) => (ids.includes('ev-5') ? { status: 400, code: 'BAD_USER_INPUT' } : 'ok'));
    cleanups.push(server.close);
    const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-sdk-'));
    const sdk = client(server.url, { spoolDir });
    await sdk.recordEvents(Array.from({ length: 16 }, (_, i) => event(i)));
    await sdk.flush();
    const delivered = server.seen.filter((s) => !s.ids.includes('ev-5')).flatMap((s) => s.ids);
    expect(delivered.sort()).toEqual(
      Array.from({ length: 16 }, (_, i) => `ev-${i}`)
        .filter((id) => id !== 'ev-5')
        .sort(),
    );
    const dead = fs
      .readFileSync(path.join(spoolDir, 'dead-letter.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { part: string; item: { id: string }; error: { code: string } });
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ part: 'events', item: { id: 'ev-5' }, error: { code: 'BAD_USER_INPUT' } });
    expect(sdk.stats().deadLettered).toBe(1);
  });

  it('refuses records with SpoolFullError once the unconfirmed spool reaches its limit', async () => {
    const server = await peer(() => ({ status: 503, code: 'HTTP_503' }));
    cleanups.push(server.close);
    const sdk = client(server.url, { maxSpoolBytes: 2000 });
    await sdk.ready();
    const recorded: number[] = [];
    let refused: unknown;
    for (let i = 0; i < 100 && !refused; i++) {
      try {
        void sdk.recordEvent(event(i));
        recorded.push(i);
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(SpoolFullError);
    expect(recorded.length).toBeGreaterThan(5);
    expect(recorded.length).toBeLessThan(100);
  });

  it('refuses records with QueueFullError when they arrive faster than the disk takes them', async () => {
    const server = await peer(() => 'ok');
    cleanups.push(server.close);
    const sdk = client(server.url, { maxQueue: 10 });
    await sdk.ready();
    expect(() => {
      for (let i = 0; i < 20; i++) void sdk.recordEvent(event(i));
    }).toThrow(QueueFullError);
    await sdk.writable();
    await sdk.recordEvent(event(99));
  });

  it('delivers what an earlier client left in the spool', async () => {
    const down = await peer(() => ({ status: 503, code: 'HTTP_503' }));
    const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-sdk-'));
    const first = new LineageClient({ url: down.url, spoolDir, retryMinMs: 10, retryMaxMs: 20 });
    await first.recordEvents([event(1), event(2)]);
    expect(await first.close({ timeoutMs: 200 })).toEqual({ remaining: 2 });
    expect(await first.close()).toEqual({ remaining: 2 });
    expect(() => first.recordEvent(event(3))).toThrow(/closed/);
    await down.close();

    const up = await peer(() => 'ok');
    cleanups.push(up.close);
    const second = client(up.url, { spoolDir });
    await second.flush();
    expect(up.seen.flatMap((s) => s.ids)).toEqual(['ev-1', 'ev-2']);
  });
});
