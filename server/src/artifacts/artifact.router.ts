import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { authorize } from '../auth/authenticate';
import { may, Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { ErrorCode, LineageError } from '../errors';
import { bodyErrors, clientError, sendRestError } from '../http/rest-errors';
import type { Services } from '../graphql/context';
import type { Logger } from '../logger';
import { ArtifactAccessService } from './artifact-access.service';
import { parseArtifactDigest } from './artifact-digest';

/** Largest artifact accepted by default (ARTIFACT_MAX_BYTES): 256 MiB. */
export const DEFAULT_ARTIFACT_MAX_BYTES = 256 * 1024 * 1024;

/** ARTIFACT_MAX_BYTES, a positive number of bytes; the default when unset. */
export function artifactMaxBytesFrom(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ARTIFACT_MAX_BYTES;
  if (raw === undefined || raw === '') return DEFAULT_ARTIFACT_MAX_BYTES;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`ARTIFACT_MAX_BYTES must be a positive integer (bytes), got '${raw}'`);
  return value;
}

/**
 * Uploads read at once per process: each is held in memory while it is verified, so this bounds
 * what uploads can take (4 × ARTIFACT_MAX_BYTES); more are refused with 429 before any body is read.
 */
export const MAX_CONCURRENT_UPLOADS = 4;

export interface ArtifactRouterDeps {
  services: Pick<Services, 'executor' | 'classification' | 'artifacts' | 'audit'>;
  logger: Logger;
  /** Largest accepted upload in bytes, after any Content-Encoding is undone. */
  maxBytes: number;
}

const OPERATION = { put: 'PUT /api/v1/artifacts', get: 'GET /api/v1/artifacts', head: 'HEAD /api/v1/artifacts' } as const;

function source(req: Request, res: Response) {
  const principal = res.locals.principal as Principal | undefined;
  return { principal, requestId: String(res.locals.requestId ?? ''), clientIp: req.ip ?? null, userAgent: req.header('user-agent') ?? null };
}

/** The digest in the path, checked before anything else (a body is never read for a bad one). */
function digestParam(req: Request): string {
  return parseArtifactDigest(String(req.params.digest ?? ''));
}

/** Checks the path's digest before the body parser runs. */
function checkDigest(req: Request, res: Response, next: NextFunction): void {
  try {
    digestParam(req);
    next();
  } catch (error) {
    sendRestError(res, error);
  }
}

function setArtifactHeaders(res: Response, digest: string, size: number): void {
  res.setHeader('etag', `"${digest}"`);
  res.setHeader('content-type', 'application/octet-stream');
  res.setHeader('content-length', String(size));
  res.setHeader('cache-control', 'private, no-transform');
}

/**
 * `PUT /api/v1/artifacts/sha256:<hex>` stores a model artifact (raw body; INGEST permission;
 * 201 created, 200 already stored, 400 naming `digest` when the bytes hash otherwise, 413 over
 * `maxBytes`). `GET` downloads it verified (READ_LINEAGE, plus SEE_RESTRICTED_DATA when the
 * model versions naming it were trained on restricted data); `HEAD` tells whether it is stored
 * (INGEST or READ_LINEAGE). Uploads and downloads are recorded in the access audit; refusals
 * are counted there like every other FORBIDDEN.
 */
export function artifactRouter(deps: ArtifactRouterDeps): Router {
  const { services } = deps;
  const access = new ArtifactAccessService(services.executor, services.classification, services.artifacts);
  const router = Router();
  const limit = `${deps.maxBytes} bytes (ARTIFACT_MAX_BYTES)`;
  let uploading = 0;
  const uploadSlot = (_req: Request, res: Response, next: NextFunction) => {
    if (uploading >= MAX_CONCURRENT_UPLOADS) {
      res.setHeader('retry-after', '1');
      return sendRestError(res, clientError(ErrorCode.LIMIT_EXCEEDED, `${MAX_CONCURRENT_UPLOADS} artifact uploads are in progress; retry shortly`, 429));
    }
    uploading++;
    res.once('close', () => uploading--);
    next();
  };

  router.put(
    '/:digest',
    // Credentials and the digest's form first: a refused caller's body is never read.
    authorize(Permission.INGEST),
    checkDigest,
    uploadSlot,
    express.raw({ limit: deps.maxBytes, type: () => true, inflate: true }),
    bodyErrors(limit, 'artifacts larger than this need a larger ARTIFACT_MAX_BYTES', deps.logger),
    async (req: Request, res: Response) => {
      try {
        const digest = digestParam(req);
        const bytes: unknown = req.body;
        if (!Buffer.isBuffer(bytes))
          throw clientError(ErrorCode.BAD_USER_INPUT, 'Send the artifact as the raw request body', 400, [{ path: '$', message: 'must be bytes' }]);
        const stored = await access.store.put(digest, bytes);
        await services.audit.record(source(req, res), {
          action: 'write',
          operation: OPERATION.put,
          targetIds: [digest],
          details: { size: stored.size, created: stored.created },
        });
        if (stored.created) res.setHeader('location', `${req.baseUrl}/${digest}`);
        res.status(stored.created ? 201 : 200).json({ digest, size: stored.size, created: stored.created });
      } catch (error) {
        sendRestError(res, error, deps.logger, 'artifact upload failed');
      }
    },
  );

  router.head('/:digest', authorize(), async (req: Request, res: Response) => {
    try {
      const principal = res.locals.principal as Principal;
      if (!may(principal, Permission.INGEST) && !may(principal, Permission.READ_LINEAGE)) {
        services.audit.refused(source(req, res), 'FORBIDDEN', OPERATION.head);
        throw new LineageError(
          ErrorCode.FORBIDDEN,
          `Forbidden: this operation needs the ${Permission.INGEST} or ${Permission.READ_LINEAGE} permission`,
          [],
          403,
        );
      }
      const digest = digestParam(req);
      const size = await access.store.size(digest);
      if (size === undefined) return void res.status(404).end();
      setArtifactHeaders(res, digest, size);
      res.status(200).end();
    } catch (error) {
      sendRestError(res, error, deps.logger, 'artifact lookup failed');
    }
  });

  router.get('/:digest', authorize(Permission.READ_LINEAGE), async (req: Request, res: Response) => {
    try {
      const digest = digestParam(req);
      let found;
      try {
        found = await access.authorizeDownload(res.locals.principal as Principal, digest);
      } catch (error) {
        if (error instanceof LineageError && error.code === ErrorCode.FORBIDDEN) services.audit.refused(source(req, res), 'FORBIDDEN', OPERATION.get);
        throw error;
      }
      const bytes = await access.read(digest);
      // Recorded before a byte leaves: no audit entry, no download.
      await services.audit.record(source(req, res), {
        action: 'read',
        operation: OPERATION.get,
        targetIds: [digest, ...found.modelVersionIds],
        details: { size: bytes.byteLength, level: found.level, modelVersions: found.modelVersionIds.length },
      });
      setArtifactHeaders(res, digest, bytes.byteLength);
      res.setHeader('content-disposition', `attachment; filename="${digest.replace(':', '-')}"`);
      res.status(200).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      sendRestError(res, error, deps.logger, 'artifact download failed');
    }
  });
  return router;
}
