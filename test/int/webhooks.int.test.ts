/**
 * Webhook delivery against a real receiver (node:http on 127.0.0.1): signatures verify, order
 * and delivery ids hold, a receiver that refuses connections and then answers 500 gets every
 * delivery exactly once when it comes back, a restart loses nothing, dead letters can be
 * re-driven, two dispatchers never send one item twice, and a rolled-back write sends nothing.
 */
import type { IngestBundle } from '@ion-lineage/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDispatcher } from '../../server/src/webhooks/webhook.dispatcher';
import { WebhookEventType } from '../../server/src/webhooks/webhook.events';
import type { WebhookConfig } from '../../server/src/webhooks/webhook.config';
import { verifySignature } from '../../server/src/webhooks/webhook.signing';
import { until } from '../fault/harness';
import { chainBundle, chainIds } from '../support/fixtures';
import { startTestServer, type TestServer } from '../support/server';
import { startReceiver, type Receiver } from '../support/webhook-receiver';

const FAST: Partial<WebhookConfig> = {
  allowPrivateNetworks: true,
  pollMs: 25,
  backoffBaseMs: 40,
  backoffMaxMs: 200,
  maxAttempts: 30,
  timeoutMs: 400,
  claimLimit: 5,
};

let server: TestServer;
let receiver: Receiver;
const dispatchers: WebhookDispatcher[] = [];
const hooks: string[] = [];

function dispatcher(on: TestServer = server): WebhookDispatcher {
  const d = new WebhookDispatcher(on.graph.services.executor, on.graph.services.webhooks);
  dispatchers.push(d);
  d.start();
  return d;
}

async function subscribe(eventTypes: WebhookEventType[], ionId: string | null = null, url = receiver.url): Promise<{ id: string; secret: string }> {
  const { webhook, secret } = await server.graph.services.webhooks.create({ url, eventTypes, ionId }, 'test:admin');
  hooks.push(webhook.id);
  return { id: webhook.id, secret };
}

/** Two chains without their events, written once (a first ingest is slow on a cold database); tests add the DRIFT events they need. */
const ids = chainIds('wh');
const other = chainIds('wh-other');
async function writeChains(): Promise<void> {
  for (const prefix of ['wh', 'wh-other']) {
    const bundle: IngestBundle = { ...chainBundle(prefix), events: [] };
    await server.graph.services.ingest.ingestBundle(bundle);
  }
}

/** The n-th DRIFT event of a test (ids tagged per test, so no test replays another's). */
function drift(tag: string, n: number) {
  return {
    id: `${ids.runs.inference}.${tag}.drift.${n}`,
    runId: ids.runs.inference,
    type: 'DRIFT' as const,
    at: new Date(Date.UTC(2026, 2, 2, 10, n)).toISOString(),
    message: `drift ${n}`,
  };
}

const received = (webhookId: string) => receiver.received.filter((r) => r.json.webhookId === webhookId);

beforeAll(async () => {
  server = await startTestServer({ wipe: true, webhooks: FAST });
  receiver = await startReceiver();
  await writeChains();
});

afterEach(async () => {
  await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
  await receiver.answer(200);
  for (const id of hooks.splice(0)) await server.graph.services.webhooks.delete(id);
});

afterAll(async () => {
  await receiver?.close();
  await server?.close();
});

describe('webhook delivery', () => {
  it('signs each delivery over timestamp.body with the secret shown at creation; test-fire goes through the log', async () => {
    const hook = await subscribe([WebhookEventType.DRIFT_ALERT]);
    dispatcher();
    const fired = await server.gql<{ testWebhook: { id: string; status: string } }>('mutation($id: String!) { testWebhook(id: $id) { id status eventType } }', {
      id: hook.id,
    });
    expect(fired.body.data?.testWebhook.status).toBe('PENDING');
    await until(() => received(hook.id).length === 1, 10_000, 'the test event');
    const got = received(hook.id)[0]!;
    expect(got.event).toBe('webhook.test');
    expect(got.id).toBe(fired.body.data!.testWebhook.id);
    expect(verifySignature(hook.secret, got, got.body)).toEqual({ ok: true });
    // A tampered body, another secret, or a replay long after fail.
    expect(verifySignature(hook.secret, got, got.body.replace('webhook.test', 'drift.alert')).ok).toBe(false);
    expect(verifySignature('whsec_other', got, got.body).ok).toBe(false);
    expect(verifySignature(hook.secret, got, got.body, 300, Number(got.timestamp) + 301)).toEqual({ ok: false, reason: 'timestamp outside tolerance' });
    // The attempt is recorded just after the receiver answers.
    await until(async () => (await server.graph.services.webhooks.attempts(hook.id, {})).length === 1, 10_000, 'the attempt in the log');
    const log = await server.gql<{ webhookAttempts: Array<{ deliveryId: string; statusCode: number; outcome: string; latencyMs: number }> }>(
      'query($id: String!) { webhookAttempts(webhookId: $id) { deliveryId statusCode outcome latencyMs attempt } }',
      { id: hook.id },
    );
    expect(log.body.data?.webhookAttempts).toEqual([expect.objectContaining({ deliveryId: got.id, statusCode: 200, outcome: 'DELIVERED' })]);
  });

  it('delivers in ingest order, one delivery id each, and a replayed ingest queues nothing new', async () => {
    const hook = await subscribe([WebhookEventType.DRIFT_ALERT], ids.ion);
    const global = await subscribe([WebhookEventType.DRIFT_ALERT]);
    for (let n = 0; n < 8; n++) await server.graph.services.ingest.ingestPart('events', [drift('order', n)]);
    await server.graph.services.ingest.ingestPart('events', [drift('order', 3)]); // a replay
    dispatcher();
    await until(() => received(hook.id).length >= 8 && received(global.id).length >= 8, 15_000, 'eight drift alerts each');
    const mine = received(hook.id);
    expect(mine.map((r) => r.json.data.subjectId)).toEqual(Array.from({ length: 8 }, (_, n) => drift('order', n).id));
    expect(new Set(mine.map((r) => r.id)).size).toBe(8);
    // One event, one eventId across subscriptions; delivery ids differ per subscription.
    expect(received(global.id).map((r) => r.json.eventId)).toEqual(mine.map((r) => r.json.eventId));
    expect(received(global.id).some((r) => mine.some((m) => m.id === r.id))).toBe(false);
  });

  it('filters by ION and event type', async () => {
    const drifts = await subscribe([WebhookEventType.DRIFT_ALERT], other.ion);
    const deployments = await subscribe([WebhookEventType.MODEL_VERSION_DEPLOYED], ids.ion);
    await server.graph.services.ingest.ingestPart('events', [drift('filter', 1)]);
    dispatcher();
    await server.graph.services.webhooks.testFire(deployments.id);
    await until(() => received(deployments.id).length === 1, 10_000, 'the test event');
    expect(received(drifts.id)).toEqual([]);
    expect((await server.graph.services.webhooks.deliveries(drifts.id, {})).length).toBe(0);
  });

  it('a receiver that refuses connections, then answers 500, gets everything exactly once when it comes back', async () => {
    const hook = await subscribe([WebhookEventType.DRIFT_ALERT], ids.ion);
    await receiver.answer('down');
    dispatcher();
    for (let n = 0; n < 6; n++) await server.graph.services.ingest.ingestPart('events', [drift('down', n)]);
    const attempts = () => server.graph.services.webhooks.attempts(hook.id, { first: 500 });
    await until(async () => (await attempts()).filter((a) => a.error?.includes('ECONNREFUSED')).length >= 6, 15_000, 'refused attempts');
    await receiver.answer(500);
    await until(async () => (await attempts()).some((a) => a.statusCode === 500), 15_000, 'attempts answered 500');
    expect(received(hook.id)).toEqual([]);
    await receiver.answer(200);
    await until(() => received(hook.id).length >= 6, 20_000, 'all six after recovery');
    await new Promise((resolve) => setTimeout(resolve, 300)); // nothing more arrives
    const got = received(hook.id);
    expect(got.length).toBe(6);
    expect(new Set(got.map((r) => r.id)).size).toBe(6);
    expect(new Set(got.map((r) => r.json.data.subjectId))).toEqual(new Set(Array.from({ length: 6 }, (_, n) => drift('down', n).id)));
    await until(async () => (await server.graph.services.webhooks.deliveries(hook.id, {})).every((d) => d.status === 'DELIVERED'), 10_000, 'all recorded');
    const deliveries = await server.graph.services.webhooks.deliveries(hook.id, {});
    expect(deliveries.every((d) => d.attempts >= 2)).toBe(true);
  });

  it('dead-letters after N failed attempts; a re-drive delivers with the same delivery id', async () => {
    const strictServer = await startTestServer({ webhooks: { ...FAST, maxAttempts: 3 } });
    try {
      const { webhook } = await strictServer.graph.services.webhooks.create({ url: receiver.url, eventTypes: [WebhookEventType.DRIFT_ALERT] }, 'test:admin');
      hooks.push(webhook.id);
      await receiver.answer(503);
      dispatcher(strictServer);
      const queued = await strictServer.graph.services.webhooks.testFire(webhook.id);
      await until(async () => (await strictServer.graph.services.webhooks.deadLetters(100)).some((d) => d.id === queued.id), 10_000, 'a dead letter');
      const log = await strictServer.graph.services.webhooks.attempts(webhook.id, {});
      expect(log.map((a) => [a.attempt, a.statusCode, a.outcome])).toEqual([
        [3, 503, 'DEAD'],
        [2, 503, 'PENDING'],
        [1, 503, 'PENDING'],
      ]);
      const dead = await strictServer.gql<{ webhookDeadLetters: Array<{ id: string; attempts: number; lastStatusCode: number }> }>(
        '{ webhookDeadLetters { id attempts lastStatusCode status } }',
      );
      expect(dead.body.data?.webhookDeadLetters).toContainEqual(expect.objectContaining({ id: queued.id, attempts: 3, lastStatusCode: 503 }));
      await receiver.answer(200);
      const redriven = await strictServer.gql<{ redriveWebhookDeliveries: Array<{ id: string; status: string }> }>(
        'mutation($w: String!, $ids: [String!]!) { redriveWebhookDeliveries(webhookId: $w, ids: $ids) { id status } }',
        { w: webhook.id, ids: [queued.id, 'no-such-delivery'] },
      );
      expect(redriven.body.data?.redriveWebhookDeliveries).toEqual([{ id: queued.id, status: 'PENDING' }]);
      await until(() => received(webhook.id).length === 1, 10_000, 'the re-driven delivery');
      expect(received(webhook.id)[0]!.id).toBe(queued.id);
    } finally {
      await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
      await strictServer.close();
    }
  });

  it('a restart loses nothing: queued while no dispatcher runs, and a claim cut off mid-send is delivered again after its lease', async () => {
    const hook = await subscribe([WebhookEventType.DRIFT_ALERT], ids.ion);
    // Written while no dispatcher runs (the service is "down" for delivery).
    for (let n = 0; n < 4; n++) await server.graph.services.ingest.ingestPart('events', [drift('restart', n)]);
    // A process claims two items and dies before sending: its lease must run out first.
    const crashed = await server.graph.services.executor.run<{ delivery: { id: string } }>('webhooks/claim', { owner: 'crashed', leaseMs: 800, limit: 2 });
    expect(crashed.length).toBe(2);
    await server.close();
    // A new process: new driver, new services, new dispatcher, same graph.
    server = await startTestServer({ webhooks: FAST });
    dispatcher();
    await until(() => received(hook.id).length >= 2, 10_000, 'the unclaimed two');
    await until(() => received(hook.id).length >= 4, 10_000, 'the two whose lease ran out');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received(hook.id).length).toBe(4);
    expect(new Set(received(hook.id).map((r) => r.id))).toEqual(new Set((await server.graph.services.webhooks.deliveries(hook.id, {})).map((d) => d.id)));
  });

  it('two dispatchers never send one item twice', async () => {
    const hook = await subscribe([WebhookEventType.DRIFT_ALERT], ids.ion);
    await server.graph.services.ingest.ingestPart(
      'events',
      Array.from({ length: 40 }, (_, n) => drift('race', n)),
    );
    const second = await startTestServer({ webhooks: FAST });
    try {
      dispatcher();
      dispatcher(second);
      await until(() => received(hook.id).length >= 40, 20_000, 'forty deliveries');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(received(hook.id).length).toBe(40);
      const attempts = () => server.graph.services.webhooks.attempts(hook.id, { first: 100 });
      await until(async () => (await attempts()).length >= 40, 10_000, 'forty attempts recorded');
      // One attempt per delivery: nobody sent an item a second time.
      const logged = await attempts();
      expect(logged.length).toBe(40);
      expect(new Set(logged.map((a) => a.deliveryId)).size).toBe(40);
    } finally {
      await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
      await second.close();
    }
  });

  it('finds outbox items, attempts and subscriptions through indexes, never by scanning a label', async () => {
    const plans: Array<[string, Record<string, unknown>]> = [
      ['webhooks/claim', { owner: 'x', leaseMs: 1000, limit: 5 }],
      ['webhooks/deliveries', { webhookId: 'x', status: null, before: null, limit: 5 }],
      ['webhooks/dead-letters', { limit: 5 }],
      ['webhooks/attempts', { webhookId: 'x', before: null, limit: 5 }],
      ['webhooks/purge-deliveries', { webhookId: 'x', limit: 5 }],
      ['webhooks/prune', { days: 30, limit: 5 }],
      ['webhooks/outbox-events', { rows: [{ id: 'x', type: 'DRIFT' }] }],
      ['webhooks/outbox-deployments', { rows: [{ id: 'x' }] }],
    ];
    for (const [name, params] of plans) {
      const session = server.graph.driver.session();
      try {
        const text = server.graph.registry.get(name as Parameters<typeof server.graph.registry.get>[0]).text;
        const plan = JSON.stringify((await session.run(`EXPLAIN ${text}`, params)).summary.plan);
        expect(plan, name).toMatch(/NodeIndexSeek|NodeUniqueIndexSeek/);
        expect(plan, name).not.toMatch(/NodeByLabelScan|AllNodesScan/);
      } finally {
        await session.close();
      }
    }
  });

  it('retention removes delivered items and old attempts, never pending ones', async () => {
    const hook = await subscribe([WebhookEventType.DRIFT_ALERT]);
    dispatcher();
    await server.graph.services.webhooks.testFire(hook.id);
    await until(() => received(hook.id).length === 1, 10_000, 'the test event');
    await Promise.all(dispatchers.splice(0).map((d) => d.stop()));
    const pending = await server.graph.services.webhooks.testFire(hook.id);
    // Retention of 0 days: everything delivered or attempted before now goes.
    const [pruned] = await server.graph.services.executor.run<{ deliveries: number; attempts: number }>('webhooks/prune', { days: 0, limit: 100 });
    expect(pruned!.deliveries).toBeGreaterThanOrEqual(1);
    expect(pruned!.attempts).toBeGreaterThanOrEqual(1);
    expect((await server.graph.services.webhooks.deliveries(hook.id, {})).map((d) => d.id)).toEqual([pending.id]);
    expect(await server.graph.services.webhooks.attempts(hook.id, {})).toEqual([]);
  });

  it('a rolled-back write queues nothing', async () => {
    const hook = await subscribe([WebhookEventType.DRIFT_ALERT], ids.ion);
    // The second event refers to an unknown run: the whole delivery fails, the first included.
    await expect(
      server.graph.services.ingest.ingestPart('events', [drift('rollback', 1), { ...drift('rollback', 2), runId: 'wh.no-such-run' }]),
    ).rejects.toThrow(/unknown Run/);
    expect(await server.graph.services.webhooks.deliveries(hook.id, {})).toEqual([]);
  });

  it('model version events: decisions, deployment, roll-back, retirement, and an unapproved deployment as a compliance violation', async () => {
    const all = [
      WebhookEventType.MODEL_VERSION_DEPLOYED,
      WebhookEventType.MODEL_VERSION_ROLLED_BACK,
      WebhookEventType.MODEL_VERSION_RETIRED,
      WebhookEventType.COMPLIANCE_VIOLATION,
      WebhookEventType.MODEL_VERSION_APPROVED,
    ];
    const hook = await subscribe(all);
    const deploy = (n: number, mv: string, from: string) => ({
      id: `${ids.nodes.inference}.dep.${n}`,
      modelVersionId: mv,
      pipelineNodeId: ids.nodes.inference,
      role: 'PRIMARY' as const,
      from,
    });
    // ensemble (approved) → gbm (not approved for the ION) → ensemble again: a roll-back.
    await server.graph.services.ingest.ingestPart('deployments', [deploy(1, ids.modelVersions.gbm, '2026-03-05T00:00:00Z')]);
    await server.graph.services.ingest.ingestPart('deployments', [deploy(2, ids.modelVersions.ensemble, '2026-03-06T00:00:00Z')]);
    await server.graph.services.ingest.ingestPart('modelVersions', [
      { id: `${ids.models.gbm}.retired`, modelId: ids.models.gbm, version: '0', algorithm: 'xgboost', format: 'ONNX', status: 'RETIRED' },
    ]);
    dispatcher();
    await until(() => received(hook.id).length >= 5, 10_000, 'five events');
    const events = received(hook.id).map((r) => [r.event, r.json.data.subjectId, r.json.data.policy ?? r.json.data.previousModelVersionId ?? null]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['model_version.deployed', deploy(1, '', '').id, ids.modelVersions.ensemble],
        ['compliance.violation', deploy(1, '', '').id, 'UNAPPROVED_DEPLOYMENT'],
        ['model_version.deployed', deploy(2, '', '').id, ids.modelVersions.gbm],
        ['model_version.rolled_back', deploy(2, '', '').id, ids.modelVersions.gbm],
        ['model_version.retired', `${ids.models.gbm}.retired`, null],
      ]),
    );
    expect(events.length).toBe(5);
  });
});
