/**
 * Webhooks, attacked: a non-admin must not create, list or inspect subscriptions, nor read a
 * signing secret; a webhook must not point the service at itself, the cloud metadata address
 * or a private network (SSRF); and nothing restricted (subject keys, inputs, outputs, free
 * text) may leave in a payload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../server/src/auth/roles';
import { WebhookDispatcher } from '../../server/src/webhooks/webhook.dispatcher';
import { chainBundle, chainIds } from '../support/fixtures';
import { INGEST_BUNDLE, expectSuccess } from '../support/ingest-api';
import { startTestServer, type TestServer } from '../support/server';
import { startReceiver, type Receiver } from '../support/webhook-receiver';
import { until } from '../fault/harness';

const CREATE = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { id url } } }`;
const ALL_TYPES = [
  'DRIFT_ALERT',
  'MODEL_VERSION_APPROVED',
  'MODEL_VERSION_REJECTED',
  'MODEL_VERSION_RETIRED',
  'MODEL_VERSION_DEPLOYED',
  'MODEL_VERSION_ROLLED_BACK',
  'COMPLIANCE_VIOLATION',
];

let strict: TestServer;
let loopback: TestServer;
let receiver: Receiver;
let dispatcher: WebhookDispatcher;

beforeAll(async () => {
  // The default policy: no private networks, no loopback.
  strict = await startTestServer({ wipe: true });
  // The policy tests need: loopback allowed, and only for 127.0.0.1.
  loopback = await startTestServer({ webhooks: { allowPrivateNetworks: true, allowedHosts: ['127.0.0.1'], pollMs: 50, backoffBaseMs: 50 } });
  receiver = await startReceiver();
  dispatcher = new WebhookDispatcher(loopback.graph.services.executor, loopback.graph.services.webhooks);
  dispatcher.start();
});

afterAll(async () => {
  await dispatcher?.stop();
  for (const hook of (await loopback?.graph.services.webhooks.list()) ?? []) await loopback.graph.services.webhooks.delete(hook.id);
  await receiver?.close();
  await strict?.close();
  await loopback?.close();
});

describe('only admins manage webhooks', () => {
  const operations: Array<[string, string, Record<string, unknown>]> = [
    ['createWebhook', CREATE, { input: { url: 'https://hooks.example.org/x', eventTypes: ['DRIFT_ALERT'] } }],
    ['webhooks', '{ webhooks { id url } }', {}],
    ['webhookDeliveries', '{ webhookDeliveries(webhookId: "wh_x") { id payload } }', {}],
    ['webhookAttempts', '{ webhookAttempts(webhookId: "wh_x") { id } }', {}],
    ['webhookDeadLetters', '{ webhookDeadLetters { id } }', {}],
    ['testWebhook', 'mutation { testWebhook(id: "wh_x") { id } }', {}],
    ['updateWebhook', 'mutation { updateWebhook(id: "wh_x", input: { enabled: false }) { id } }', {}],
    ['deleteWebhook', 'mutation { deleteWebhook(id: "wh_x") }', {}],
    ['redriveWebhookDeliveries', 'mutation { redriveWebhookDeliveries(webhookId: "wh_x", ids: ["d"]) { id } }', {}],
  ];
  for (const role of [Role.SCIENTIST, Role.INVESTIGATOR, Role.AUDITOR, Role.INGEST]) {
    it.each(operations)(`${role} is refused %s`, async (_name, query, variables) => {
      const res = await strict.gql(query, variables, { as: role });
      expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.body.data ?? null).toBeNull();
    });
  }

  it('an admin sees the secret once; listings and the graph never hold it in clear', async () => {
    const created = await loopback.gql<{ createWebhook: { secret: string; webhook: { id: string } } }>(CREATE, {
      input: { url: `${receiver.url}/secret-check`, eventTypes: ['DRIFT_ALERT'], ionId: null },
    });
    expect(created.body.errors).toBeUndefined();
    const { secret, webhook } = created.body.data!.createWebhook;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    // The schema has no field that could return it again.
    const introspection = await loopback.gql<{ __type: { fields: Array<{ name: string }> } }>('{ __type(name: "Webhook") { fields { name } } }');
    expect(introspection.body.data!.__type.fields.map((f) => f.name)).not.toContain('secret');
    const listed = await loopback.gql('{ webhooks { id url eventTypes } }');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    // A database reader finds only ciphertext.
    const session = loopback.graph.driver.session();
    try {
      const stored = await session.run('MATCH (w:Webhook {id: $id}) RETURN properties(w) AS p', { id: webhook.id });
      const text = JSON.stringify(stored.records[0]!.get('p'));
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(6, 30));
    } finally {
      await session.close();
    }
    await loopback.graph.services.webhooks.delete(webhook.id);
  });
});

describe('a webhook cannot point the service at forbidden hosts (SSRF)', () => {
  it.each([
    ['loopback by address', 'http://127.0.0.1:4000/graphql'],
    ['loopback by name', 'http://localhost:7474/'],
    ['loopback written in hex', 'http://0x7f000001/'],
    ['IPv6 loopback', 'http://[::1]/'],
    ['IPv4-mapped IPv6 loopback', 'http://[::ffff:127.0.0.1]/'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a private network', 'http://10.0.0.5/hook'],
    ['the unspecified address', 'http://0.0.0.0:4000/'],
    ['a non-http scheme', 'file:///etc/passwd'],
    ['gopher', 'gopher://example.org/'],
    ['credentials in the URL', 'https://user:pw@hooks.example.org/'],
    ['not a URL', 'hooks.example.org/x'],
  ])('refuses %s with BAD_USER_INPUT naming url', async (_what, url) => {
    const res = await strict.gql(CREATE, { input: { url, eventTypes: ['DRIFT_ALERT'] } });
    expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ path: 'url' })]);
  });

  it('refuses a host outside WEBHOOK_ALLOWED_HOSTS, and the metadata address even where private networks are allowed', async () => {
    for (const url of ['https://hooks.example.org/x', 'http://169.254.169.254/latest/']) {
      const res = await loopback.gql(CREATE, { input: { url, eventTypes: ['DRIFT_ALERT'] } });
      expect(res.body.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ path: 'url' })]);
    }
  });

  it('an update cannot move a webhook to a forbidden host either', async () => {
    const created = await strict.graph.services.webhooks.create({ url: 'https://93.184.215.14/hook', eventTypes: ['DRIFT_ALERT'] as never }, 'test');
    const res = await strict.gql('mutation($id: String!) { updateWebhook(id: $id, input: { url: "http://127.0.0.1:7687/" }) { url } }', {
      id: created.webhook.id,
    });
    expect(res.body.errors?.[0]?.extensions?.problems).toEqual([expect.objectContaining({ path: 'url' })]);
    await strict.graph.services.webhooks.delete(created.webhook.id);
  });
});

describe('payloads carry no restricted data', () => {
  it('ids, types and times only: no subject key, inputs, outputs, scores, hashes, messages or details', async () => {
    const P = 'sec-webhook';
    const created = await loopback.gql<{ createWebhook: { webhook: { id: string } } }>(CREATE, { input: { url: receiver.url, eventTypes: ALL_TYPES } });
    expect(created.body.errors).toBeUndefined();
    expectSuccess(await loopback.gql(INGEST_BUNDLE, { bundle: chainBundle(P) }));
    // The chain holds a drift event, two decisions, two deployments and one unapproved deployment.
    await until(() => receiver.received.filter((r) => r.json.eventId.includes(P)).length >= 6, 20_000, 'six deliveries');
    const bodies = receiver.received.filter((r) => r.json.eventId.includes(P)).map((r) => r.body);
    const ids = chainIds(P);
    expect(new Set(receiver.received.map((r) => r.event))).toEqual(
      new Set(['drift.alert', 'model_version.approved', 'model_version.rejected', 'model_version.deployed', 'compliance.violation']),
    );
    const drift = receiver.received.find((r) => r.event === 'drift.alert')!;
    expect(drift.json.data).toEqual({ subjectType: 'Event', subjectId: ids.events.drift, runId: ids.runs.inference, pipelineNodeId: ids.nodes.inference });
    for (const body of bodies) {
      // Times and generated ids are held to their exact shapes; the rest must carry none of the
      // chain's restricted values (a createdAt of 03:17:20.275Z holds '0.27' by chance).
      const { createdAt, occurredAt, deliveryId, webhookId, ...rest } = JSON.parse(body) as Record<string, unknown>;
      for (const time of [createdAt, occurredAt]) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(deliveryId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(webhookId).toMatch(/^wh_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      const checked = JSON.stringify(rest);
      for (const forbidden of [
        'patient-42',
        'bmi distribution shifted',
        'psi',
        '0.27',
        '31.2',
        '41000',
        'CT_SCAN',
        '0.91',
        'contentHash',
        'AUC above',
        'message',
        'details',
        'inputs',
      ]) {
        expect(checked, `payload must not contain '${forbidden}'`).not.toContain(forbidden);
      }
    }
    await loopback.graph.services.webhooks.delete(created.body.data!.createWebhook.webhook.id);
  });
});
