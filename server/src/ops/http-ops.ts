import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { OpsMetrics } from './metrics';
import { type RequestScope, requestIdFrom, runInScope } from './request-scope';

/** Routes counted by name; everything else (the web UI's files) is `static`, unknown API paths `api`. */
const ROUTES = new Set(['/graphql', '/healthz', '/readyz', '/metrics', '/api/v1/lineage', '/api/v1/lineage/batch']);

/** The metrics label of a request path, from a fixed set so clients cannot add series. */
export function routeLabel(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (ROUTES.has(trimmed)) return trimmed;
  return trimmed.startsWith('/api/') ? 'api' : 'static';
}

/** Headers an SDK sends with every delivery so operators can see clients falling behind. */
export const SDK_CLIENT_HEADER = 'x-ion-sdk-client';
export const SDK_SPOOL_DEPTH_HEADER = 'x-ion-sdk-spool-depth';

/**
 * First middleware of the app: gives the request its id (answered in `x-request-id`), runs the
 * rest inside the request's logging scope, and when the response is sent logs one access line
 * and counts it. A spool depth reported by an SDK is recorded only for a request that
 * succeeded, so only authenticated callers can add clients to the metrics.
 */
export function requestOps(metrics: OpsMetrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.header('x-request-id'));
    res.setHeader('x-request-id', requestId);
    res.locals.requestId = requestId;
    const started = performance.now();
    // Mounted routers rewrite req.url while they run; the original URL names the route.
    const path = req.originalUrl.split('?')[0];
    res.on('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routeLabel(path);
      metrics.httpRequests.inc({ route, method: req.method, status: String(res.statusCode) });
      metrics.httpDuration.observe({ route }, seconds);
      const client = req.header(SDK_CLIENT_HEADER);
      const depth = req.header(SDK_SPOOL_DEPTH_HEADER);
      if (client && depth && res.statusCode < 400) metrics.reportSpool(client, depth);
      logger.info({ requestId, method: req.method, path, status: res.statusCode, ms: Math.round(seconds * 10_000) / 10 }, 'request');
    });
    runInScope({ requestId }, next);
  };
}

/**
 * Re-enters the request's scope. Body parsers call `next` from stream events, which run outside
 * it; put this after them so resolvers and formatError log with the request id.
 */
export const rejoinScope: RequestHandler = (_req, res, next) =>
  runInScope({ requestId: String(res.locals.requestId), bookmarks: res.locals.bookmarks as RequestScope['bookmarks'] }, next);

/**
 * `GET /metrics` in the Prometheus text format. With a token configured, scrapers must send it
 * as a bearer token (401 otherwise); without one the endpoint is open, which suits the default
 * loopback binding and a private scrape network.
 */
export function metricsRoute(metrics: OpsMetrics, token: string | undefined): RequestHandler {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return async (req, res) => {
    if (expected) {
      const given = Buffer.from(req.header('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        res.setHeader('www-authenticate', 'Bearer realm="metrics"');
        return void res.status(401).json({ errors: [{ message: 'Metrics need the METRICS_TOKEN bearer token', extensions: { code: 'UNAUTHENTICATED' } }] });
      }
    }
    res.setHeader('content-type', metrics.registry.contentType);
    res.end(await metrics.registry.metrics());
  };
}
