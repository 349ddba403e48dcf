import { bookmarkScope } from './http/bookmarks.middleware';
import { bookmarkKey } from './store/bookmarks';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import type { Driver } from 'neo4j-driver';
import { Authenticator, authorize, installAuthenticator } from './auth/authenticate';
import type { JwtConfig } from './auth/jwt';
import type { Principal } from './auth/principal';
import { REPO_ROOT } from './config';
import { bodyErrors } from './http/rest-errors';
import type { RequestContext, Services } from './graphql/context';
import { makeFormatError } from './graphql/format-error';
import { createRequestLoaders } from './graphql/loaders';
import { ExpensiveRequestLimiter } from './graphql/concurrency';
import { costPlugin, DEFAULT_REQUEST_LIMITS, depthRule, fieldCountPlugin, type RequestLimits } from './graphql/limits';
import { literalPathsRule } from './graphql/input-errors';
import { buildLineageSchema } from './graphql/schema';
import type { Logger } from './logger';
import { artifactMaxBytesFrom, artifactRouter } from './artifacts/artifact.router';
import { exportRouter } from './export/export.router';
import { openLineageRouter } from './openlineage/openlineage.router';
import { createOps, type Ops } from './ops/ops';
import { auditBarrierPlugin, stringifyAnswer } from './audit/audit.barrier';

/** Large enough for a batch of 10,000 predictions with their inputs. */
export const MAX_BODY = '64mb';

export interface AppDeps {
  services: Services;
  driver: Driver;
  logger: Logger;
  /** True once the schema is applied; /readyz reports it. */
  isReady: () => boolean;
  /** Which credentials the service trusts (API tokens are checked against the graph). */
  auth: { jwt: JwtConfig };
  /** When set, `/metrics` wants this bearer token (METRICS_TOKEN). */
  metricsToken?: string;
  /**
   * The built web UI to serve (default web/dist, the production build). Browser tests and the
   * UI benchmark pass web/dist-instrumented, the build with test hooks.
   */
  webDist?: string;
  /** Query cost and per-principal limits; defaults in DEFAULT_REQUEST_LIMITS. */
  limits?: Partial<RequestLimits>;
  /** Largest artifact upload in bytes (default: ARTIFACT_MAX_BYTES or 256 MiB). */
  artifactMaxBytes?: number;
}

export interface LineageApp {
  app: Express;
  apollo: ApolloServer<RequestContext>;
  /** This app's metrics registry and request logging. */
  ops: Ops;
  /** Expensive requests in flight per principal. */
  limiter: ExpensiveRequestLimiter;
}

/** Builds the HTTP app: GraphQL, health probes and (when built) the web UI, on one port. */
export async function createApp(deps: AppDeps): Promise<LineageApp> {
  const schema = await buildLineageSchema();
  const ops = createOps({ logger: deps.logger, services: deps.services, metricsToken: deps.metricsToken });
  const limits = { ...DEFAULT_REQUEST_LIMITS, ...deps.limits };
  const limiter = new ExpensiveRequestLimiter(limits.maxExpensivePerPrincipal);
  const formatError = makeFormatError(ops.log);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    validationRules: [depthRule(), literalPathsRule()],
    // No HTTP cache hints are served, and Apollo's cache-control plugin would wrap every field of every answer.
    plugins: [ApolloServerPluginCacheControlDisabled(), fieldCountPlugin(), costPlugin(limits, limiter), auditBarrierPlugin(formatError), ops.apolloPlugin],
    formatError,
    // The audit barrier serializes an audited answer while its record commits; this sends that text.
    stringifyResult: stringifyAnswer,
    includeStacktraceInErrorResponses: false,
    introspection: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // No weak ETags on answers: each is computed (and audited) per request, a POST is never
  // answered 304, and the ETag was a SHA-1 over every body (23 KB for a why) on the critical
  // path. Files of the web UI keep theirs (express.static sets its own; index.html keeps Last-Modified).
  app.set('etag', false);
  installAuthenticator(app, new Authenticator(deps.auth.jwt, deps.services.tokens), (source, code, operation) =>
    deps.services.audit.refused(source, code, operation),
  );
  app.use(ops.requestOps);
  app.use(bookmarkScope(bookmarkKey(deps.auth.jwt.secret)));

  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/metrics', ops.metricsRoute);
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.driver.verifyConnectivity();
      if (!deps.isReady()) return void res.status(503).json({ status: 'starting', neo4j: 'up', schema: 'pending' });
      res.json({ status: 'ready', neo4j: 'up', schema: 'applied' });
    } catch {
      res.status(503).json({ status: 'unavailable', neo4j: 'down' });
    }
  });

  app.use(
    '/graphql',
    // Credentials first: an unauthenticated caller gets 401 before a large body is parsed.
    authorize(),
    express.json({ limit: MAX_BODY }),
    ops.rejoinScope,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => ({
        services: deps.services,
        requestId: String(res.locals.requestId),
        principal: res.locals.principal as Principal,
        clientIp: req.ip ?? null,
        userAgent: req.header('user-agent') ?? null,
        operationName: typeof req.body?.operationName === 'string' ? (req.body.operationName as string).slice(0, 200) : null,
        log: deps.logger.child({ requestId: String(res.locals.requestId) }),
        loaders: createRequestLoaders(deps.services),
      }),
    }),
  );

  app.use('/api/v1/lineage', openLineageRouter({ services: deps.services, logger: deps.logger, observer: ops.metrics }));

  app.use('/api/v1/export', exportRouter({ services: deps.services, logger: deps.logger }));

  app.use('/api/v1/artifacts', artifactRouter({ services: deps.services, logger: deps.logger, maxBytes: deps.artifactMaxBytes ?? artifactMaxBytesFrom() }));

  const webDist = deps.webDist ?? path.join(REPO_ROOT, 'web', 'dist');
  if (fs.existsSync(webDist)) {
    app.use(express.static(webDist));
    app.get(/^\/(?!graphql|api|healthz|readyz|metrics).*/, (_req, res) => res.sendFile(path.join(webDist, 'index.html')));
  }

  app.use(bodyErrors(MAX_BODY, 'send smaller batches', deps.logger));
  return { app, apollo, ops, limiter };
}
