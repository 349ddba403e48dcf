import { rejoinScope } from '../ops/http-ops';
import express, { type Request, type Response, Router } from 'express';
import { authorize } from '../auth/authenticate';
import { Permission } from '../auth/permissions';
import { ErrorCode } from '../errors';
import { bodyErrors, clientError, sendRestError } from '../http/rest-errors';
import type { Logger } from '../logger';
import type { Services } from '../graphql/context';
import type { IngestObserver } from '../ops/ingest-count';
import { type DeliverySource, type EventResult, OpenLineageService } from './openlineage.service';

/** Largest accepted body after gzip is undone: one event (Spark plans can be megabytes), a batch. */
export const OPENLINEAGE_LIMITS = { event: '16mb', batch: '64mb' } as const;

/** Any content type is read as JSON: emitters differ in what they send (the spec says JSON). */
const json = (limit: string) => express.json({ limit, type: () => true, strict: false, inflate: true });

export interface OpenLineageRouterDeps {
  services: Pick<Services, 'executor' | 'audit'>;
  logger: Logger;
  /** Counts events in `ion_ingest_items_total{part="openlineageEvents"}`. */
  observer?: IngestObserver;
}

const PART = 'openlineageEvents';

/** Ingests (each delivery with its audit record) and counts: created and unchanged events when written, all of them as rejected otherwise. */
async function counted(
  deps: OpenLineageRouterDeps,
  service: OpenLineageService,
  events: unknown[],
  batch: boolean,
  from: DeliverySource,
): Promise<EventResult[]> {
  let results: EventResult[];
  try {
    results = await service.ingest(events, batch, from);
  } catch (error) {
    deps.observer?.countIngest(PART, 'rejected', events.length);
    throw error;
  }
  const created = results.filter((r) => r.status === 'created').length;
  deps.observer?.countIngest(PART, 'created', created);
  deps.observer?.countIngest(PART, 'unchanged', results.length - created);
  return results;
}

/** Who sent the delivery and from where: recorded in the audit entry written with it. */
const deliverySource = (req: Request, res: Response, operation: string): DeliverySource => ({
  source: {
    principal: res.locals.principal,
    requestId: String(res.locals.requestId ?? ''),
    clientIp: req.ip ?? null,
    userAgent: req.header('user-agent') ?? null,
  },
  operation,
});

/**
 * `POST /api/v1/lineage` (one event: 201) and `POST /api/v1/lineage/batch` (a JSON array of
 * events: 200 with one result per event). Callers need the INGEST permission. Gzip, deflate and
 * brotli bodies (`Content-Encoding`) are inflated before the size limit is applied.
 */
export function openLineageRouter(deps: OpenLineageRouterDeps): Router {
  const service = new OpenLineageService(deps.services.executor, deps.services.audit);
  const router = Router();
  // Credentials first: an unauthenticated caller gets 401 before a large body is read.
  router.use(authorize(Permission.INGEST));

  router.post(
    '/',
    json(OPENLINEAGE_LIMITS.event),
    rejoinScope,
    bodyErrors(OPENLINEAGE_LIMITS.event, 'send fewer events per request', deps.logger),
    async (req: Request, res: Response) => {
      if (Array.isArray(req.body)) {
        return sendRestError(
          res,
          clientError(ErrorCode.BAD_USER_INPUT, 'This endpoint takes one event; send a JSON array of events to /api/v1/lineage/batch', 400, [
            { path: '$', message: 'must be a JSON object' },
          ]),
        );
      }
      try {
        const results = await counted(deps, service, [req.body], false, deliverySource(req, res, 'POST /api/v1/lineage'));
        res.status(201).json(results[0]);
      } catch (error) {
        sendRestError(res, error, deps.logger, 'openlineage ingest failed');
      }
    },
  );

  router.post(
    '/batch',
    json(OPENLINEAGE_LIMITS.batch),
    rejoinScope,
    bodyErrors(OPENLINEAGE_LIMITS.batch, 'send fewer events per request', deps.logger),
    async (req: Request, res: Response) => {
      const events: unknown = Array.isArray(req.body) ? req.body : (req.body as { events?: unknown } | null)?.events;
      if (!Array.isArray(events)) {
        return sendRestError(
          res,
          clientError(ErrorCode.BAD_USER_INPUT, 'The batch endpoint takes a JSON array of OpenLineage events (or { "events": [...] })', 400, [
            { path: '$', message: 'must be a JSON array' },
          ]),
        );
      }
      try {
        const results = await counted(deps, service, events, true, deliverySource(req, res, 'POST /api/v1/lineage/batch'));
        const created = results.filter((r) => r.status === 'created').length;
        res.status(200).json({ created, unchanged: results.length - created, results: results.map((r, index) => ({ index, ...r })) });
      } catch (error) {
        sendRestError(res, error, deps.logger, 'openlineage ingest failed');
      }
    },
  );
  return router;
}
