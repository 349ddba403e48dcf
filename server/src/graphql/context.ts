import type { IngestService } from '../ingest/ingest-service';
import type { LineageService } from '../lineage/lineage.service';
import type { Executor } from '../store/executor';
import type { WhyService } from '../why/why.service';

/** What every resolver may use; services are shared, per-request state (loaders) is added per request. */
export interface Services {
  executor: Executor;
  ingest: IngestService;
  why: WhyService;
  lineage: LineageService;
}

export interface RequestContext {
  services: Services;
  requestId: string;
}
