/**
 * Webhook delivery latency, from the commit of the ingest that queues a delivery to the moment
 * a local receiver (node:http on 127.0.0.1) has the request: a fresh local Neo4j, the service's
 * graph and dispatcher in this process, one DRIFT event per ingest, sequential. Two cases:
 * the ingest ran in the dispatcher's own process (the commit wakes it), and it ran in another
 * instance (this one finds the delivery at its next poll, WEBHOOK_POLL_MS = 1 s by default).
 * `npx tsx bench/webhook-latency.ts [--events 200]` runs it alone; `npm run bench` runs it too.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { applyGraphSchema, openGraph } from '../server/src/graph';
import { startLocalNeo4j } from '../server/src/neo4j/local-neo4j';
import { WebhookDispatcher } from '../server/src/webhooks/webhook.dispatcher';
import { WebhookEventType } from '../server/src/webhooks/webhook.events';
import { summarize } from './stats';

type Json = Record<string, unknown>;

const ION = 'bench-wh.ion';
const NODE = 'bench-wh.node.score';
const RUN = 'bench-wh.run';
const BASE = {
  ions: [{ id: ION, name: 'webhook bench', version: '1', definition: { nodes: [{ id: NODE, name: 'score', role: 'INFERENCE' }], edges: [] } }],
  runs: [{ id: RUN, pipelineNodeId: NODE, kind: 'INFERENCE', startedAt: '2026-03-01T00:00:00Z', status: 'RUNNING' }],
};

/** Measures both cases with `events` deliveries each and prints one record per case. */
export async function benchWebhookLatency(events: number, emit: (record: Json) => void): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-wh-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, pageCache: '256m' });
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ion-bench-wh-keys-'));
  process.env.KEYS_DIR = keysDir;
  const graph = openGraph({ uri: neo4j.uri, user: 'neo4j', password: 'local' }, undefined, {
    auditCheckpointFile: null,
    webhooks: { allowPrivateNetworks: true, allowedHosts: ['127.0.0.1'] },
  });
  const arrived = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrived.set(String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as Json).eventId), at);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const dispatcher = new WebhookDispatcher(graph.services.executor, graph.services.webhooks);
  try {
    await applyGraphSchema(graph);
    await graph.services.ingest.ingestBundle(BASE as never);
    await graph.services.webhooks.create({ url, eventTypes: [WebhookEventType.DRIFT_ALERT], ionId: ION }, 'bench');
    dispatcher.start();
    const onCommitted = graph.services.ingest.onCommitted;
    for (const [name, wake] of [
      ['webhookLatencySameProcess', true],
      ['webhookLatencyOtherInstance', false],
    ] as const) {
      graph.services.ingest.onCommitted = wake ? onCommitted : undefined;
      const latencies: number[] = [];
      const warm = wake ? 20 : 0;
      for (let i = 0; i < events + warm; i++) {
        // Another instance's commits land anywhere in this one's poll interval.
        if (!wake) await new Promise((resolve) => setTimeout(resolve, Math.random() * graph.services.webhooks.config.pollMs));
        const id = `bench-wh.${name}.${i}`;
        await graph.services.ingest.ingestPart('events', [
          { id, runId: RUN, type: 'DRIFT', at: new Date(Date.UTC(2026, 2, 2) + i * 1000).toISOString(), message: 'bench' },
        ]);
        const committed = performance.now();
        const eventId = `drift.alert:${id}`;
        while (!arrived.has(eventId)) await new Promise((resolve) => setTimeout(resolve, 1));
        if (i >= warm) latencies.push(arrived.get(eventId)! - committed);
      }
      emit({ figure: name, unit: 'ms', pollMs: graph.services.webhooks.config.pollMs, ...summarize(latencies) });
    }
  } finally {
    await dispatcher.stop();
    receiver.close();
    await graph.close();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(keysDir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '200' } } });
  await benchWebhookLatency(Number(values.events), (record) => console.log(JSON.stringify(record)));
}
