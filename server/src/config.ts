import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './graphql/limits';
import { DEFAULT_READ_TIMEOUT_MS } from './store/executor';
import { DEFAULT_JWT_CACHE_MS } from './auth/jwt-cache';

/** Repository root, found from this file so commands work from any working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Neo4jTarget {
  uri: string;
  user: string;
  password: string;
}

export interface ServiceConfig {
  port: number;
  host: string;
  /** Set when the user points at their own Neo4j; otherwise the local launcher is used. */
  neo4j?: Neo4jTarget;
  localNeo4j: { boltPort: number; dataDir: string; pageCache: string };
  seedOnEmpty: boolean;
  demoPredictions: number;
  logLevel: string;
  /** When set, `/metrics` wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** How long in-flight requests may take after SIGTERM before the process exits non-zero. */
  shutdownDeadlineMs: number;
  /** Refused requests (FORBIDDEN, UNAUTHENTICATED) are recorded aggregated over this window (AUDIT_REFUSAL_WINDOW_MS). */
  auditRefusalWindowMs: number;
  auth: AuthConfig;
  /** Server-side timeout of each Neo4j read transaction (NEO4J_QUERY_TIMEOUT_MS). */
  queryTimeoutMs: number;
  /** How long a transaction is retried against an unreachable Neo4j before GRAPH_UNAVAILABLE. */
  retryTimeMs: number;
  /** Query cost and per-principal limits (QUERY_COST_LIMIT, EXPENSIVE_QUERY_COST, MAX_EXPENSIVE_PER_PRINCIPAL). */
  limits: RequestLimits;
}

/** Credentials the service trusts and where the demo keeps its own. */
export interface AuthConfig {
  /** HS256 secret for JWTs (AUTH_JWT_SECRET); unset: a random one kept in `stateFile`. */
  jwtSecret?: string;
  jwtIssuer?: string;
  jwtAudience?: string;
  /** Longest lifetime a JWT may claim, in seconds (AUTH_JWT_MAX_LIFETIME, e.g. `24h`, `90m`, `3600`). */
  jwtMaxLifetimeSeconds: number;
  /** How long a verified JWT's claims are reused, in ms (AUTH_JWT_CACHE_MS; 0 verifies every request). */
  jwtCacheMs: number;
  /** Keeps the generated JWT secret and the demo admin token across restarts (gitignored, beside the local data). */
  stateFile: string;
  /** Print a ready-made admin token and sign-in link at start-up. */
  demoToken: boolean;
  /** Record reads in the access audit; `false` exists only to measure the audit's overhead. */
  auditReads: boolean;
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got '${raw}'`);
  return value;
}

/** Like intFromEnv, but 0 is refused: a zero limit or timeout would refuse (or stop) everything. */
function positiveIntFromEnv(name: string, fallback: number): number {
  const value = intFromEnv(name, fallback);
  if (value === 0) throw new Error(`${name} must be a positive integer, got 0`);
  return value;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** A duration such as `24h`, `90m`, `7d` or plain seconds (`3600`), in seconds. */
export function durationSeconds(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
  if (!match || Number(match[1]) === 0) throw new Error(`${name} must be a positive duration such as 24h, 90m or 3600 (seconds), got '${raw}'`);
  return Number(match[1]) * UNIT_SECONDS[match[2] || 's']!;
}

/** Reads the service configuration from the environment, with defaults for the quick start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const uri = env.NEO4J_URI;
  return {
    port: intFromEnv('PORT', 4000),
    host: env.HOST ?? '127.0.0.1',
    neo4j: uri ? { uri, user: env.NEO4J_USER ?? 'neo4j', password: env.NEO4J_PASSWORD ?? '' } : undefined,
    localNeo4j: {
      boltPort: intFromEnv('LOCAL_NEO4J_BOLT_PORT', 7687),
      dataDir: env.LOCAL_NEO4J_DATA ?? path.join(REPO_ROOT, '.data', 'neo4j'),
      pageCache: env.LOCAL_NEO4J_PAGECACHE ?? '1g',
    },
    seedOnEmpty: env.SEED_ON_EMPTY !== 'false',
    demoPredictions: intFromEnv('DEMO_PREDICTIONS', 20_000),
    logLevel: env.LOG_LEVEL ?? 'info',
    metricsToken: env.METRICS_TOKEN || undefined,
    shutdownDeadlineMs: intFromEnv('SHUTDOWN_DEADLINE_MS', 30_000),
    auditRefusalWindowMs: intFromEnv('AUDIT_REFUSAL_WINDOW_MS', 60_000),
    queryTimeoutMs: positiveIntFromEnv('NEO4J_QUERY_TIMEOUT_MS', DEFAULT_READ_TIMEOUT_MS),
    retryTimeMs: positiveIntFromEnv('NEO4J_RETRY_TIME_MS', 30_000),
    limits: {
      maxCost: positiveIntFromEnv('QUERY_COST_LIMIT', DEFAULT_REQUEST_LIMITS.maxCost),
      expensiveCost: positiveIntFromEnv('EXPENSIVE_QUERY_COST', DEFAULT_REQUEST_LIMITS.expensiveCost),
      maxExpensivePerPrincipal: positiveIntFromEnv('MAX_EXPENSIVE_PER_PRINCIPAL', DEFAULT_REQUEST_LIMITS.maxExpensivePerPrincipal),
    },
    auth: {
      jwtSecret: env.AUTH_JWT_SECRET || undefined,
      jwtIssuer: env.AUTH_JWT_ISSUER || undefined,
      jwtAudience: env.AUTH_JWT_AUDIENCE || undefined,
      jwtMaxLifetimeSeconds: durationSeconds('AUTH_JWT_MAX_LIFETIME', env.AUTH_JWT_MAX_LIFETIME, 24 * 3600),
      jwtCacheMs: intFromEnv('AUTH_JWT_CACHE_MS', DEFAULT_JWT_CACHE_MS),
      stateFile: env.AUTH_STATE_FILE ?? path.join(path.dirname(env.LOCAL_NEO4J_DATA ?? path.join(REPO_ROOT, '.data', 'neo4j')), 'auth.json'),
      demoToken: env.AUTH_DEMO_TOKEN !== 'false',
      auditReads: env.AUDIT_READS !== 'false',
    },
  };
}
