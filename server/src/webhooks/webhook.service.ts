import { randomUUID } from 'node:crypto';
import { badInput, ErrorCode, type FieldProblem, LineageError } from '../errors';
import type { Executor } from '../store/executor';
import type { WebhookConfig } from './webhook.config';
import { SUBSCRIBABLE, type DeliveryStatus, type StoredDelivery, type WebhookEventType } from './webhook.events';
import { newSigningSecret, type SecretBox } from './webhook.secrets';
import { UrlPolicy } from './webhook.url-policy';

/** A subscription as stored, without its secret. */
export type WebhookRecord = {
  id: string;
  url: string;
  ionId: string | null;
  eventTypes: WebhookEventType[];
  enabled: boolean;
  description: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string | null;
};

/** One row of a subscription's delivery log. */
export type AttemptRecord = {
  id: string;
  deliveryId: string;
  eventType: WebhookEventType;
  attempt: number;
  at: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  outcome: DeliveryStatus;
};

export interface WebhookInput {
  url?: string | null;
  ionId?: string | null;
  /** Only on update: true delivers for every ION again. */
  global?: boolean;
  eventTypes?: readonly WebhookEventType[] | null;
  enabled?: boolean | null;
  description?: string | null;
}

export const PAGE = { min: 1, max: 500, fallback: 50 };
const PURGE_BATCH = 5_000;

/**
 * Subscriptions (admin-managed), the outbox as seen by an admin (deliveries, dead letters,
 * attempts), re-drive and test-fire. Delivery itself is the dispatcher's.
 */
export class WebhookService {
  readonly policy: UrlPolicy;
  /** Set by a dispatcher in this process, so a test-fire or re-drive goes out without waiting for a poll. */
  wake?: () => void;

  constructor(
    private readonly executor: Executor,
    /** Seals secrets at creation; the dispatcher opens them to sign. */
    readonly box: SecretBox,
    readonly config: WebhookConfig,
  ) {
    this.policy = new UrlPolicy(config);
  }

  /** Creates a subscription; the signing secret is returned this once and stored only sealed. */
  async create(
    input: WebhookInput & { url: string; eventTypes: readonly WebhookEventType[] },
    createdBy: string,
  ): Promise<{ webhook: WebhookRecord; secret: string }> {
    await this.check(input, true);
    const id = `wh_${randomUUID()}`;
    const secret = newSigningSecret();
    const rows = await this.executor.run<WebhookRecord>('webhooks/create', {
      id,
      url: input.url,
      ionId: input.ionId ?? null,
      eventTypes: [...new Set(input.eventTypes)],
      description: input.description ?? null,
      secretCipher: this.box.seal(id, secret),
      createdBy,
      max: this.config.maxSubscriptions,
    });
    if (!rows[0]) throw new LineageError(ErrorCode.LIMIT_EXCEEDED, `At most ${this.config.maxSubscriptions} webhook subscriptions; delete one first`);
    return { webhook: rows[0], secret };
  }

  async update(id: string, input: WebhookInput): Promise<WebhookRecord> {
    await this.check(input, false);
    const rows = await this.executor.run<WebhookRecord>('webhooks/update', {
      id,
      url: input.url ?? null,
      ionId: input.ionId ?? null,
      global: input.global === true,
      eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : null,
      enabled: input.enabled ?? null,
      description: input.description ?? null,
    });
    return rows[0] ?? notFound(id);
  }

  /** Deletes a subscription with its outbox and delivery log (in batches, then the node). */
  async delete(id: string): Promise<string> {
    await this.get(id);
    for (const query of ['webhooks/purge-deliveries', 'webhooks/purge-attempts'] as const) {
      while (Number((await this.executor.run<{ deleted: number }>(query, { webhookId: id, limit: PURGE_BATCH }))[0]?.deleted ?? 0) > 0);
    }
    await this.executor.run('webhooks/delete', { id });
    return id;
  }

  list(): Promise<WebhookRecord[]> {
    return this.executor.run<WebhookRecord>('webhooks/list', { limit: this.config.maxSubscriptions });
  }

  async get(id: string): Promise<WebhookRecord> {
    return (await this.executor.run<WebhookRecord>('webhooks/by-id', { id }))[0] ?? notFound(id);
  }

  /** Queues a `webhook.test` delivery for one subscription (same outbox, signing and log as real events). */
  async testFire(id: string): Promise<StoredDelivery> {
    const rows = await this.executor.run<{ delivery: StoredDelivery }>('webhooks/test-fire', { id });
    if (!rows[0]) notFound(id);
    this.wake?.();
    return rows[0]!.delivery;
  }

  async deliveries(webhookId: string, options: { status?: DeliveryStatus | null; first?: number | null; before?: string | null }): Promise<StoredDelivery[]> {
    const limit = pageSize(options.first);
    const rows = await this.executor.run<{ delivery: StoredDelivery }>('webhooks/deliveries', {
      webhookId,
      status: options.status ?? null,
      before: options.before ?? null,
      limit,
    });
    return rows.map((row) => row.delivery);
  }

  async deadLetters(first?: number | null): Promise<StoredDelivery[]> {
    const rows = await this.executor.run<{ delivery: StoredDelivery }>('webhooks/dead-letters', { limit: pageSize(first) });
    return rows.map((row) => row.delivery);
  }

  attempts(webhookId: string, options: { first?: number | null; before?: string | null }): Promise<AttemptRecord[]> {
    return this.executor.run<AttemptRecord>('webhooks/attempts', { webhookId, before: options.before ?? null, limit: pageSize(options.first) });
  }

  /** Puts dead deliveries back in the outbox (same delivery ids); returns those that were dead. */
  async redrive(webhookId: string, ids: readonly string[]): Promise<StoredDelivery[]> {
    if (ids.length === 0 || ids.length > PAGE.max) throw badInput([{ path: 'ids', message: `between 1 and ${PAGE.max} delivery ids` }]);
    await this.get(webhookId);
    const rows = await this.executor.run<{ delivery: StoredDelivery }>('webhooks/redrive', { webhookId, ids: [...new Set(ids)] });
    if (rows.length) this.wake?.();
    return rows.map((row) => row.delivery);
  }

  private async check(input: WebhookInput, creating: boolean): Promise<void> {
    const problems: FieldProblem[] = [];
    if (input.url !== undefined && input.url !== null) {
      const problem = await this.policy.urlProblem(input.url);
      if (problem) problems.push({ path: 'url', message: problem });
    }
    if (creating || input.eventTypes) {
      const types = input.eventTypes ?? [];
      if (types.length === 0) problems.push({ path: 'eventTypes', message: 'at least one event type' });
      for (const type of types) if (!SUBSCRIBABLE.includes(type)) problems.push({ path: 'eventTypes', message: `cannot subscribe to ${type}` });
    }
    if (input.description && input.description.length > 500) problems.push({ path: 'description', message: 'at most 500 characters' });
    if (input.ionId) {
      const found = await this.executor.run('lookup/ion', { ids: [input.ionId] });
      if (found.length === 0) problems.push({ path: 'ionId', message: `unknown ION '${input.ionId}'` });
    }
    if (problems.length) throw badInput(problems);
  }
}

function pageSize(first: number | null | undefined): number {
  const value = first ?? PAGE.fallback;
  if (!Number.isInteger(value) || value < PAGE.min || value > PAGE.max)
    throw badInput([{ path: 'first', message: `must be an integer from ${PAGE.min} to ${PAGE.max}` }]);
  return value;
}

function notFound(id: string): never {
  throw new LineageError(ErrorCode.NOT_FOUND, `No webhook subscription with id '${id}'`);
}
