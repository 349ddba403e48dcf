import { type Request, type Response, Router } from 'express';
import { authorize } from '../auth/authenticate';
import { Permission } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { sendRestError } from '../http/rest-errors';
import type { Services } from '../graphql/context';
import type { Logger } from '../logger';
import type { LineageDirection } from '../lineage/lineage.traverse';
import { auditDetails, envelopeFile } from './export.envelope';
import { type ExportFormat, FILE_EXTENSIONS } from './export.formats';

function integer(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * GET /api/v1/export?rootId=…&direction=…&depth=…&format=JSON|GRAPHML|PROV_JSON downloads the
 * signed export file (EXPORT permission, recorded in the access audit);
 * GET /api/v1/export/public-key serves the verification key to anyone.
 */
export function exportRouter(deps: { services: Pick<Services, 'exports' | 'audit'>; logger: Logger }): Router {
  const router = Router();
  router.get('/public-key', (_req, res) => {
    const { signer } = deps.services.exports;
    res.setHeader('x-key-id', signer.keyId);
    res.type('application/x-pem-file').send(signer.publicKeyPem);
  });
  router.get('/', authorize(Permission.EXPORT), async (req: Request, res: Response) => {
    try {
      const principal = res.locals.principal as Principal;
      const format = (text(req.query.format) ?? 'JSON') as ExportFormat;
      const envelope = await deps.services.exports.exportSubgraph(
        {
          rootId: text(req.query.rootId) ?? '',
          direction: text(req.query.direction) as LineageDirection | undefined,
          depth: integer(req.query.depth),
          format,
          neighbourLimit: integer(req.query.neighbourLimit),
        },
        principal,
      );
      await deps.services.audit.record(
        { principal, requestId: String(res.locals.requestId ?? ''), clientIp: req.ip ?? null, userAgent: req.header('user-agent') ?? null },
        { action: 'export', operation: 'GET /api/v1/export', targetIds: [envelope.manifest.parameters.rootId as string], details: auditDetails(envelope) },
      );
      const name = `export-${String(envelope.manifest.parameters.rootId)
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .slice(0, 80)}.${FILE_EXTENSIONS[format]}.signed.json`;
      res.setHeader('content-disposition', `attachment; filename="${name}"`);
      res.setHeader('x-content-sha256', envelope.manifest.contentSha256);
      res.type('application/json').send(envelopeFile(envelope));
    } catch (error) {
      sendRestError(res, error, deps.logger, 'export failed');
    }
  });
  return router;
}
