import { describe, expect, it } from 'vitest';
import { backoffMs } from './webhook.backoff';
import { payloadOf, type StoredDelivery, WebhookEventType, wireName } from './webhook.events';
import { SecretBox } from './webhook.secrets';
import { signature, verifySignature } from './webhook.signing';
import { UrlPolicy } from './webhook.url-policy';

describe('backoff', () => {
  it('doubles per attempt, with jitter between half and all of it, capped', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 100, 10_000, () => 0))).toEqual([50, 100, 200, 400]);
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 100, 10_000, () => 1))).toEqual([100, 200, 400, 800]);
    expect(backoffMs(30, 100, 10_000, () => 1)).toBe(10_000);
  });
});

describe('wire names', () => {
  it('are dotted and lower case', () => {
    expect(wireName(WebhookEventType.MODEL_VERSION_ROLLED_BACK)).toBe('model_version.rolled_back');
    expect(wireName(WebhookEventType.DRIFT_ALERT)).toBe('drift.alert');
    expect(wireName(WebhookEventType.COMPLIANCE_VIOLATION)).toBe('compliance.violation');
    expect(wireName(WebhookEventType.WEBHOOK_TEST)).toBe('webhook.test');
  });
});

describe('payloads', () => {
  const stored = {
    id: 'd1',
    webhookId: 'wh_1',
    eventId: 'drift.alert:e1',
    eventType: WebhookEventType.DRIFT_ALERT,
    occurredAt: '2026-03-02T10:00:00.000Z',
    createdAt: '2026-03-02T10:00:01.000Z',
    ionId: 'ion-1',
    subjectType: 'Event',
    subjectId: 'e1',
    runId: 'r1',
    // Whatever else an outbox item might hold never reaches the body.
    message: 'patient-42 drifted',
  } as unknown as StoredDelivery;

  it('are the same bytes every time and carry only declared fields', () => {
    expect(payloadOf(stored)).toBe(payloadOf({ ...stored }));
    expect(JSON.parse(payloadOf(stored))).toEqual({
      deliveryId: 'd1',
      eventId: 'drift.alert:e1',
      type: 'drift.alert',
      occurredAt: '2026-03-02T10:00:00.000Z',
      createdAt: '2026-03-02T10:00:01.000Z',
      ionId: 'ion-1',
      webhookId: 'wh_1',
      data: { subjectType: 'Event', subjectId: 'e1', runId: 'r1' },
    });
    expect(payloadOf(stored)).not.toContain('patient-42');
  });
});

describe('signatures', () => {
  it('verify over timestamp.body and refuse tampering and stale timestamps', () => {
    const body = '{"a":1}';
    const headers = { timestamp: '1700000000', signature: signature('whsec_k', 1700000000, body) };
    expect(verifySignature('whsec_k', headers, body, 300, 1700000100)).toEqual({ ok: true });
    expect(verifySignature('whsec_k', headers, '{"a":2}', 300, 1700000100).ok).toBe(false);
    expect(verifySignature('whsec_k', { ...headers, timestamp: '1700000001' }, body, 300, 1700000100).ok).toBe(false);
    expect(verifySignature('whsec_k', headers, body, 300, 1700000301)).toEqual({ ok: false, reason: 'timestamp outside tolerance' });
  });
});

describe('sealed secrets', () => {
  it('open only for the subscription they were sealed for, under the same key', () => {
    const box = new SecretBox(Buffer.alloc(32, 7));
    const sealed = box.seal('wh_1', 'whsec_secret');
    expect(sealed).not.toContain('whsec_secret');
    expect(box.open('wh_1', sealed)).toBe('whsec_secret');
    expect(() => box.open('wh_2', sealed)).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 8)).open('wh_1', sealed)).toThrow();
  });
});

describe('URL policy', () => {
  const strict = new UrlPolicy({ allowedHosts: [], allowPrivateNetworks: false });
  const listed = new UrlPolicy({ allowedHosts: ['hooks.example.org', '*.corp.example', '127.0.0.1'], allowPrivateNetworks: true });

  it('refuses private, loopback, link-local and mapped addresses by default', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '192.168.0.1', '172.16.0.1', '169.254.169.254', '::1', '::ffff:127.0.0.1', 'fe80::1', 'fd00::1', '0.0.0.0'])
      expect(strict.addressProblem(address), address).toBeDefined();
    expect(strict.addressProblem('93.184.215.14')).toBeUndefined();
  });

  it('with private networks allowed, still never link-local (cloud metadata) or unspecified', () => {
    expect(listed.addressProblem('127.0.0.1')).toBeUndefined();
    expect(listed.addressProblem('169.254.169.254')).toBeDefined();
    expect(listed.addressProblem('0.0.0.0')).toBeDefined();
  });

  it('keeps to the allow-list, exact or by suffix', async () => {
    expect(await listed.urlProblem('https://evil.example.com/x')).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
    expect(await listed.urlProblem('https://corp.example.evil.com/x')).toMatch(/WEBHOOK_ALLOWED_HOSTS/);
    expect(await listed.urlProblem('http://127.0.0.1:9/hook')).toBeUndefined();
    expect(await listed.urlProblem('ftp://hooks.example.org/')).toMatch(/http/);
  });
});
