import type { IngestService } from '../ingest/ingest-service';
import type { Executor } from '../store/executor';

/** What every resolver may use; services are shared, per-request state (loaders) is added per request. */
export interface Services {
  executor: Executor;
  ingest: IngestService;
}

export interface RequestContext {
  services: Services;
  requestId: string;
}
