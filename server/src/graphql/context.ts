import type { Logger } from 'pino';
import type { GovernanceService } from '../governance/model-version.service';
import type { ImpactService } from '../impact/impact.service';
import type { IngestService } from '../ingest/ingest-service';
import type { IonViewService } from '../ion/ion-view.service';
import type { LineageService } from '../lineage/lineage.service';
import type { SearchService } from '../search/search.service';
import type { Executor } from '../store/executor';
import type { WhyService } from '../why/why.service';
import type { RequestLoaders } from './loaders';

/** What every resolver may use; services are shared, per-request state (loaders) is added per request. */
export interface Services {
  executor: Executor;
  ingest: IngestService;
  why: WhyService;
  lineage: LineageService;
  governance: GovernanceService;
  search: SearchService;
  impact: ImpactService;
  ionView: IonViewService;
}

export interface RequestContext {
  services: Services;
  requestId: string;
  /** Logs with this request's id on every line. */
  log?: Logger;
  /** Per-request DataLoaders; resolvers fall back to their own per-context set when absent. */
  loaders?: RequestLoaders;
}
