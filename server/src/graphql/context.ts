import type { ArtifactStore } from '../artifacts/artifact-store';
import type { ClassificationService } from '../classification/classification.service';
import type { RestrictedDataGuard } from '../classification/restricted-data.guard';
import type { ComplianceService } from '../compliance/compliance.service';
import type { ExportService } from '../export/export.service';
import type { DriftService } from '../drift/drift.service';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import type { ApiTokenService } from '../auth/token.service';
import type { GovernanceService } from '../governance/model-version.service';
import type { ImpactService } from '../impact/impact.service';
import type { IngestService } from '../ingest/ingest-service';
import type { IonViewService } from '../ion/ion-view.service';
import type { LineageService } from '../lineage/lineage.service';
import type { SearchService } from '../search/search.service';
import type { Executor } from '../store/executor';
import type { WebhookService } from '../webhooks/webhook.service';
import type { WhyService } from '../why/why.service';
import type { ReplayService } from '../replay/replay.service';
import type { ReplayJobService } from '../replay/replay-job.service';
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
  compliance: ComplianceService;
  classification: ClassificationService;
  /** Masks restricted prediction data for callers without clearance. */
  restricted: RestrictedDataGuard;
  exports: ExportService;
  /** API tokens (create, list, revoke, authenticate). */
  tokens: ApiTokenService;
  /** The access audit and tamper-evident log: `await services.audit.record(ctx, { action, operation, targetIds })`. */
  audit: AuditLog;
  /** Model artifacts by SHA-256 digest (local folder by default). */
  artifacts: ArtifactStore;
  /** Webhook subscriptions and their outbox (delivery is a WebhookDispatcher's). */
  webhooks: WebhookService;
  /** Re-runs recorded predictions with their exact artifacts. */
  replay: ReplayService;
  /** Batch replays of runs and time windows, kept in the graph. */
  replayJobs: ReplayJobService;
  /** Drift signatures, policies, evaluation and monitoring reads. */
  drift: DriftService;
}

export interface RequestContext {
  services: Services;
  requestId: string;
  /** Who is calling (authenticated before GraphQL runs). */
  principal: Principal;
  /** Where the call came from (Express `req.ip`, which honours `trust proxy`). */
  clientIp: string | null;
  userAgent?: string | null;
  /** The client's operation name, when it sent one (recorded by the audit). */
  operationName?: string | null;
  /** Logs with this request's id on every line. */
  log?: Logger;
  /** Per-request DataLoaders; resolvers fall back to their own per-context set when absent. */
  loaders?: RequestLoaders;
}
