/**
 * The real HTTP app (Express + Apollo, exactly as `server/src/main.ts` builds it) on the test
 * database, listening on a free loopback port, for tests that go over GraphQL like a client.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { ArtifactStore } from '../../server/src/artifacts/artifact-store';
import { createApp } from '../../server/src/app';
import type { ExpensiveRequestLimiter } from '../../server/src/graphql/concurrency';
import { type JwtConfig, signJwt } from '../../server/src/auth/jwt';
import { Role } from '../../server/src/auth/roles';
import { applyGraphSchema, type Graph, openGraph } from '../../server/src/graph';
import type { WebhookConfig } from '../../server/src/webhooks/webhook.config';
import { wipeGraph } from './neo4j';
import { testNeo4j } from './neo4j-target';

/** A GraphQL error as the server sends it. */
export interface GqlError {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; problems?: Array<{ path: string; message: string }> } & Record<string, unknown>;
}

/** The parsed body of a GraphQL response (or of a body-parser rejection, which has the same shape). */
export interface GqlBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GqlError[];
}

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  body: GqlBody<T>;
}

/** Who a test request is sent as: one role, several, or `null` for no token at all. */
export type Caller = Role | readonly Role[] | null;

export interface CallOptions {
  /** Default: ADMIN. */
  as?: Caller;
}

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  graph: Graph;
  /** The JWT settings this server trusts (tests forge tokens against them). */
  jwt: JwtConfig;
  /** A valid JWT for a caller holding `roles` (subject `test:<roles>`). */
  token(roles?: Role | readonly Role[]): Promise<string>;
  /** `{ authorization: 'Bearer …' }` for a caller, or `{}` for `null`. */
  headers(as?: Caller): Promise<Record<string, string>>;
  /** POSTs one GraphQL operation to /graphql, as ADMIN unless told otherwise. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GqlResponse<T>>;
  /** The app's cap on expensive requests per principal (tests take its slots). */
  limiter: ExpensiveRequestLimiter;
  /** POSTs a raw body to /graphql (for malformed or oversized requests), as ADMIN unless told otherwise. */
  post(body: string, contentType?: string, options?: CallOptions): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Delete every node before applying the schema (the schema itself stays). */
  wipe?: boolean;
  /** Window over which refused requests are aggregated (default 60 s). */
  auditRefusalWindowMs?: number;
  /** The built web UI to serve (see `AppDeps.webDist`). */
  webDist?: string;
  /** Largest artifact upload in bytes (see `AppDeps.artifactMaxBytes`). */
  artifactMaxBytes?: number;
  /** The artifact store (default: the local folder ARTIFACT_DIR names). */
  artifacts?: ArtifactStore;
  /** Webhook settings (tests shorten the timings and allow the loopback receiver). */
  webhooks?: Partial<WebhookConfig>;
  /** This instance's own audit chain (several instances on one database); default: the shared chain. */
  auditChainId?: string;
  /** The JWT secret (instances of one deployment share it); default: a random one per server. */
  jwtSecret?: Uint8Array;
}

/**
 * Builds the app with `createApp` on the injected Neo4j, applies the schema and listens on
 * 127.0.0.1 port 0. Logs go to stderr at `warn` (override with TEST_LOG_LEVEL), so an
 * unexpected error inside a request shows up in the test output.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  // Each server checkpoints the audit chain to its own file: test files wipe the shared database.
  const auditCheckpointFile = path.join(os.tmpdir(), `ion-lineage-test-${randomUUID()}`, 'audit-checkpoints.jsonl');
  const graph = openGraph(testNeo4j(), undefined, {
    auditCheckpointFile,
    auditRefusalWindowMs: options.auditRefusalWindowMs,
    artifacts: options.artifacts,
    webhooks: options.webhooks,
    auditChainId: options.auditChainId ?? null,
  });
  await graph.driver.verifyConnectivity();
  if (options.wipe) await wipeGraph(graph.driver);
  await applyGraphSchema(graph);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn', base: { service: 'ion-lineage-test' } }, pino.destination(2));
  const jwt: JwtConfig = { secret: options.jwtSecret ?? randomBytes(32), issuer: 'ion-lineage-test' };
  const { app, apollo, limiter } = await createApp({
    services: graph.services,
    driver: graph.driver,
    logger,
    isReady: () => true,
    auth: { jwt },
    webDist: options.webDist,
    artifactMaxBytes: options.artifactMaxBytes,
  });

  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const token = (roles: Role | readonly Role[] = Role.ADMIN) => {
    const list = typeof roles === 'string' ? [roles] : [...roles];
    return signJwt({ sub: `test:${list.join('+') || 'no-role'}`, roles: list }, jwt);
  };
  const headers = async (as: Caller = Role.ADMIN): Promise<Record<string, string>> => (as === null ? {} : { authorization: `Bearer ${await token(as)}` });
  const post = async (body: string, contentType = 'application/json', options: CallOptions = {}) => {
    const auth = await headers(options.as === undefined ? Role.ADMIN : options.as);
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': contentType, ...auth }, body });
    return { status: response.status, text: await response.text() };
  };

  return {
    url,
    graph,
    jwt,
    token,
    headers,
    limiter,
    async gql<T>(query: string, variables?: Record<string, unknown>, options?: CallOptions): Promise<GqlResponse<T>> {
      const { status, text } = await post(JSON.stringify({ query, variables }), 'application/json', options);
      let body: GqlBody<T>;
      try {
        body = JSON.parse(text) as GqlBody<T>;
      } catch {
        throw new Error(`/graphql answered ${status} with a body that is not JSON: ${text.slice(0, 300)}`);
      }
      return { status, body };
    },
    post,
    async close() {
      server.closeIdleConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
      await apollo.stop();
      await graph.close();
    },
  };
}
