import type { Logger } from 'pino';
import type { Services } from '../graphql/context';
import { graphqlOpsPlugin } from './graphql-ops.plugin';
import { metricsRoute, rejoinScope, requestOps } from './http-ops';
import { OpsMetrics } from './metrics';
import { scopedLogger } from './request-scope';

export interface OpsOptions {
  logger: Logger;
  services: Services;
  /** When set, `/metrics` wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

/**
 * Metrics, request logging and the Apollo plugin of one app, wired to its services: the executor
 * times every named query and the ingest service counts items through this app's registry.
 */
export function createOps(options: OpsOptions) {
  const metrics = new OpsMetrics();
  const log = scopedLogger(options.logger);
  options.services.executor.observer = metrics;
  options.services.ingest.observer = metrics;
  return {
    metrics,
    /** Logs with the current request's id on every line. */
    log,
    requestOps: requestOps(metrics, options.logger),
    rejoinScope,
    metricsRoute: metricsRoute(metrics, options.metricsToken),
    apolloPlugin: graphqlOpsPlugin(metrics, log),
  };
}
export type Ops = ReturnType<typeof createOps>;
