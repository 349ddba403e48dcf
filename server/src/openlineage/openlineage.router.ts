import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import { authorize } from '../auth/authenticate';
import { Permission } from '../auth/permissions';
import { ErrorCode, LineageError } from '../errors';
import type { Logger } from '../logger';
import type { Services } from '../graphql/context';
import type { IngestObserver } from '../ops/ingest-count';
import { type EventResult, OpenLineageService } from './openlineage.service';

/** Largest accepted body after gzip is undone: one event (Spark plans can be megabytes), a batch. */
export const OPENLINEAGE_LIMITS = { event: '16mb', batch: '64mb' } as const;

const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.LIMIT_EXCEEDED]: 413,
  [ErrorCode.GRAPH_UNAVAILABLE]: 503,
};

/** Errors have the same shape as GraphQL errors everywhere else: `{ errors: [{ message, extensions }] }`. */
function sendError(res: Response, status: number, code: ErrorCode, message: string, problems?: unknown[]): void {
  res.status(status).json({ errors: [{ message, extensions: { code, ...(problems?.length ? { problems } : {}) } }] });
}

function fail(res: Response, logger: Logger, error: unknown): void {
  if (error instanceof LineageError) {
    return sendError(res, STATUS[error.code] ?? 500, error.code, error.message, error.problems);
  }
  logger.error({ err: error, requestId: res.locals.requestId }, 'openlineage ingest failed');
  sendError(res, 500, ErrorCode.INTERNAL, 'Internal error');
}

/** Body-parser failures (bad JSON, unknown Content-Encoding, too large) answer 400/415/413, never 500. */
function bodyErrors(limit: string): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: string }).type;
    if (type === 'entity.too.large') return sendError(res, 413, ErrorCode.LIMIT_EXCEEDED, `Request body exceeds ${limit} (after decompression); send fewer events per request`);
    if (type === 'encoding.unsupported') return sendError(res, 415, ErrorCode.BAD_USER_INPUT, `${(error as Error).message}; send identity, gzip, deflate or br`);
    if (type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'request.size.invalid' || type === 'request.aborted') {
      return sendError(res, 400, ErrorCode.BAD_USER_INPUT, `Malformed request body: ${(error as Error).message}`, [{ path: '$', message: 'must be JSON' }]);
    }
    // Any other 4xx of the body parser (a corrupt gzip stream) is the client's doing too.
    const status = (error as { status?: number }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) return sendError(res, status, ErrorCode.BAD_USER_INPUT, `Malformed request body: ${(error as Error).message}`);
    next(error);
  };
}

/** Any content type is read as JSON: emitters differ in what they send (the spec says JSON). */
const json = (limit: string) => express.json({ limit, type: () => true, strict: false, inflate: true });

export interface OpenLineageRouterDeps {
  services: Pick<Services, 'executor' | 'audit'>;
  logger: Logger;
  /** Counts events in `ion_ingest_items_total{part="openlineageEvents"}`. */
  observer?: IngestObserver;
}

const PART = 'openlineageEvents';

/** Ingests and counts: created and unchanged events when written, all of them as rejected otherwise. */
async function counted(deps: OpenLineageRouterDeps, service: OpenLineageService, events: unknown[], batch: boolean): Promise<EventResult[]> {
  let results: EventResult[];
  try {
    results = await service.ingest(events, batch);
  } catch (error) {
    deps.observer?.countIngest(PART, 'rejected', events.length);
    throw error;
  }
  const created = results.filter((r) => r.status === 'created').length;
  deps.observer?.countIngest(PART, 'created', created);
  deps.observer?.countIngest(PART, 'unchanged', results.length - created);
  return results;
}

/** Every accepted delivery is a write in the access audit: who sent which runs' events, from where. */
function audit(deps: OpenLineageRouterDeps, req: Request, res: Response, operation: string, results: EventResult[]): Promise<void> {
  const created = results.filter((r) => r.status === 'created').length;
  return deps.services.audit.record(
    { principal: res.locals.principal, requestId: String(res.locals.requestId ?? ''), clientIp: req.ip ?? null, userAgent: req.header('user-agent') ?? null },
    { action: 'write', operation, targetIds: results.map((r) => r.runId ?? r.id), details: { events: results.length, created, unchanged: results.length - created } },
  );
}

/**
 * `POST /api/v1/lineage` (one event: 201) and `POST /api/v1/lineage/batch` (a JSON array of
 * events: 200 with one result per event). Callers need the INGEST permission. Gzip, deflate and
 * brotli bodies (`Content-Encoding`) are inflated before the size limit is applied.
 */
export function openLineageRouter(deps: OpenLineageRouterDeps): Router {
  const service = new OpenLineageService(deps.services.executor);
  const router = Router();
  // Credentials first: an unauthenticated caller gets 401 before a large body is read.
  router.use(authorize(Permission.INGEST));

  router.post('/', json(OPENLINEAGE_LIMITS.event), bodyErrors(OPENLINEAGE_LIMITS.event), async (req: Request, res: Response) => {
    if (Array.isArray(req.body)) {
      return sendError(res, 400, ErrorCode.BAD_USER_INPUT, 'This endpoint takes one event; send a JSON array of events to /api/v1/lineage/batch', [{ path: '$', message: 'must be a JSON object' }]);
    }
    try {
      const results = await counted(deps, service, [req.body], false);
      await audit(deps, req, res, 'POST /api/v1/lineage', results);
      res.status(201).json(results[0]);
    } catch (error) {
      fail(res, deps.logger, error);
    }
  });

  router.post('/batch', json(OPENLINEAGE_LIMITS.batch), bodyErrors(OPENLINEAGE_LIMITS.batch), async (req: Request, res: Response) => {
    const events: unknown = Array.isArray(req.body) ? req.body : (req.body as { events?: unknown } | null)?.events;
    if (!Array.isArray(events)) {
      return sendError(res, 400, ErrorCode.BAD_USER_INPUT, 'The batch endpoint takes a JSON array of OpenLineage events (or { "events": [...] })', [{ path: '$', message: 'must be a JSON array' }]);
    }
    try {
      const results = await counted(deps, service, events, true);
      await audit(deps, req, res, 'POST /api/v1/lineage/batch', results);
      const created = results.filter((r) => r.status === 'created').length;
      res.status(200).json({ created, unchanged: results.length - created, results: results.map((r, index) => ({ index, ...r })) });
    } catch (error) {
      fail(res, deps.logger, error);
    }
  });
  return router;
}
