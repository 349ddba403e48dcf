/**
 * The real HTTP app (Express + Apollo, exactly as `server/src/main.ts` builds it) on the test
 * database, listening on a free loopback port, for tests that go over GraphQL like a client.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pino from 'pino';
import { inject } from 'vitest';
import { createApp } from '../../server/src/app';
import { applyGraphSchema, type Graph, openGraph } from '../../server/src/graph';
import { wipeGraph } from './neo4j';

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

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  graph: Graph;
  /** POSTs one GraphQL operation to /graphql. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>>;
  /** POSTs a raw body to /graphql (for malformed or oversized requests). */
  post(body: string, contentType?: string): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Delete every node before applying the schema (the schema itself stays). */
  wipe?: boolean;
}

/**
 * Builds the app with `createApp` on the injected Neo4j, applies the schema and listens on
 * 127.0.0.1 port 0. Logs go to stderr at `warn` (override with TEST_LOG_LEVEL), so an
 * unexpected error inside a request shows up in the test output.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const graph = openGraph(inject('neo4j'));
  await graph.driver.verifyConnectivity();
  if (options.wipe) await wipeGraph(graph.driver);
  await applyGraphSchema(graph);
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'warn', base: { service: 'ion-lineage-test' } }, pino.destination(2));
  const { app, apollo } = await createApp({ services: graph.services, driver: graph.driver, logger, isReady: () => true });

  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  const post = async (body: string, contentType = 'application/json') => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return { status: response.status, text: await response.text() };
  };

  return {
    url,
    graph,
    async gql<T>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<T>> {
      const { status, text } = await post(JSON.stringify({ query, variables }));
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
