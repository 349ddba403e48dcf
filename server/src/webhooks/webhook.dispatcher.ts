import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Executor } from '../store/executor';
import { backoffMs } from './webhook.backoff';
import { payloadOf, wireName, type DeliveryStatus, type StoredDelivery } from './webhook.events';
import { postJson, type PostOutcome } from './webhook.http';
import type { WebhookService } from './webhook.service';
import { HEADERS, signature } from './webhook.signing';

/** Retention runs at most this often per process, a bounded batch at a time. */
const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_BATCH = 1_000;

type Claimed = { delivery: StoredDelivery; url: string; enabled: boolean; secretCipher: string };

/** Told about each attempt (metrics, benchmarks). */
export type AttemptObserver = (delivery: StoredDelivery, outcome: PostOutcome, latencyMs: number) => void;

/**
 * One per process: claims due outbox items with a lease (so two instances never send one item
 * at the same time), POSTs them signed, and records each attempt with the outcome: DELIVERED on
 * a 2xx, else a retry at a backed-off time, or DEAD after the last attempt. Delivery is
 * at-least-once: a process that dies after sending but before recording leaves the lease to
 * expire, and the item goes out again with the same delivery id.
 */
export class WebhookDispatcher {
  readonly owner = `dispatcher-${randomUUID()}`;
  observer?: AttemptObserver;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private again = false;
  private prunedAt = 0;

  constructor(
    private readonly executor: Executor,
    private readonly service: WebhookService,
    private readonly log?: Pick<Logger, 'warn'>,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.service.wake = () => this.wake();
    this.schedule(0);
  }

  /** Runs a round soon (after an ingest that may have queued deliveries, a test-fire, a re-drive). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Stops polling and waits for the round in flight (its attempts are recorded before this resolves). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.service.wake) this.service.wake = undefined;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.round(), ms);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    if (this.stopped || this.running) return;
    let claimed = 0;
    this.running = (async () => {
      try {
        claimed = await this.dispatchOnce();
      } catch (error) {
        this.log?.warn({ err: error }, 'webhook dispatch round failed; retrying at the next poll');
      }
    })();
    await this.running;
    this.running = undefined;
    if (this.stopped) return;
    const more = this.again || claimed >= this.service.config.claimLimit;
    this.again = false;
    this.schedule(more ? 0 : this.service.config.pollMs);
  }

  /** Claims and sends one batch; returns how many were claimed. Exposed for tests and tools. */
  async dispatchOnce(): Promise<number> {
    const { claimLimit, timeoutMs, retentionDays } = this.service.config;
    if (Date.now() - this.prunedAt > PRUNE_EVERY_MS) {
      this.prunedAt = Date.now();
      await this.executor.run('webhooks/prune', { days: retentionDays, limit: PRUNE_BATCH });
    }
    // The lease covers sending the whole batch one after another, plus a margin.
    const leaseMs = timeoutMs * (claimLimit + 1);
    const rows = await this.executor.run<Claimed>('webhooks/claim', { owner: this.owner, leaseMs, limit: claimLimit });
    // Per subscription in order, subscriptions side by side: a slow receiver delays only itself.
    const bySubscription = new Map<string, Claimed[]>();
    for (const row of rows) bySubscription.set(row.delivery.webhookId, [...(bySubscription.get(row.delivery.webhookId) ?? []), row]);
    await Promise.all(
      [...bySubscription.values()].map(async (items) => {
        for (const item of items) await this.send(item);
      }),
    );
    return rows.length;
  }

  private async send(item: Claimed): Promise<void> {
    const { delivery } = item;
    const started = performance.now();
    let outcome: PostOutcome;
    if (!item.enabled) outcome = { statusCode: null, error: 'subscription disabled' };
    else {
      const body = payloadOf(delivery);
      const timestamp = Math.floor(Date.now() / 1000);
      let secret: string;
      try {
        secret = this.service.box.open(delivery.webhookId, item.secretCipher);
      } catch {
        return void (await this.record(delivery, { statusCode: null, error: 'signing secret cannot be opened' }, 0, 'DEAD'));
      }
      const headers = {
        [HEADERS.id]: delivery.id,
        [HEADERS.event]: wireName(delivery.eventType),
        [HEADERS.timestamp]: String(timestamp),
        [HEADERS.signature]: signature(secret, timestamp, body),
      };
      outcome = await postJson(item.url, headers, body, this.service.config.timeoutMs, this.service.policy);
    }
    const latencyMs = performance.now() - started;
    this.observer?.(delivery, outcome, latencyMs);
    const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    const last = !item.enabled || delivery.attempts + 1 >= this.service.config.maxAttempts;
    await this.record(delivery, outcome, latencyMs, ok ? 'DELIVERED' : last ? 'DEAD' : 'PENDING');
  }

  private async record(delivery: StoredDelivery, outcome: PostOutcome, latencyMs: number, status: DeliveryStatus): Promise<void> {
    const { backoffBaseMs, backoffMaxMs } = this.service.config;
    const next = status === 'PENDING' ? new Date(Date.now() + backoffMs(delivery.attempts + 1, backoffBaseMs, backoffMaxMs)).toISOString() : null;
    const error = outcome.error ?? (status === 'DELIVERED' ? null : `HTTP ${outcome.statusCode}`);
    await this.executor.run('webhooks/complete', {
      id: delivery.id,
      owner: this.owner,
      status,
      nextAttemptAt: next,
      statusCode: outcome.statusCode,
      latencyMs: Math.round(latencyMs * 1000) / 1000,
      error: error?.slice(0, 500) ?? null,
    });
  }
}
