import type { UrlPolicyConfig } from './webhook.url-policy';

/** Webhook settings; every timing is configurable so tests run in milliseconds. */
export interface WebhookConfig extends UrlPolicyConfig {
  /** How often the dispatcher looks for due deliveries when nothing wakes it (WEBHOOK_POLL_MS). */
  pollMs: number;
  /** First retry delay; each further one doubles, with jitter (WEBHOOK_BACKOFF_BASE_MS). */
  backoffBaseMs: number;
  /** Longest retry delay (WEBHOOK_BACKOFF_MAX_MS). */
  backoffMaxMs: number;
  /** Attempts before a delivery is dead-lettered (WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Deadline of one POST (WEBHOOK_TIMEOUT_MS). */
  timeoutMs: number;
  /** Deliveries claimed per round (their lease covers sending them all one after another). */
  claimLimit: number;
  /** Most subscriptions the service keeps. */
  maxSubscriptions: number;
  /** Delivered items and attempts older than this many days are removed (WEBHOOK_RETENTION_DAYS). */
  retentionDays: number;
}

export const DEFAULT_WEBHOOK_CONFIG: WebhookConfig = {
  allowedHosts: [],
  allowPrivateNetworks: false,
  pollMs: 1_000,
  backoffBaseMs: 10_000,
  backoffMaxMs: 3_600_000,
  maxAttempts: 8,
  timeoutMs: 10_000,
  claimLimit: 20,
  maxSubscriptions: 200,
  retentionDays: 30,
};

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got '${raw}'`);
  return value;
}

/** Reads WEBHOOK_* from the environment. */
export function webhookConfigFrom(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  const d = DEFAULT_WEBHOOK_CONFIG;
  return {
    allowedHosts: (env.WEBHOOK_ALLOWED_HOSTS ?? '')
      .split(',')
      .map((host) => host.trim())
      .filter(Boolean),
    allowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
    pollMs: positive(env, 'WEBHOOK_POLL_MS', d.pollMs),
    backoffBaseMs: positive(env, 'WEBHOOK_BACKOFF_BASE_MS', d.backoffBaseMs),
    backoffMaxMs: positive(env, 'WEBHOOK_BACKOFF_MAX_MS', d.backoffMaxMs),
    maxAttempts: positive(env, 'WEBHOOK_MAX_ATTEMPTS', d.maxAttempts),
    timeoutMs: positive(env, 'WEBHOOK_TIMEOUT_MS', d.timeoutMs),
    claimLimit: d.claimLimit,
    maxSubscriptions: d.maxSubscriptions,
    retentionDays: positive(env, 'WEBHOOK_RETENTION_DAYS', d.retentionDays),
  };
}
