/**
 * The ION Lineage client SDK: record lineage from any Node pipeline through a durable spool.
 *
 * @example
 * const client = new LineageClient({ url: 'http://lineage:4000/graphql', token, spoolDir: '/var/spool/lineage' });
 * client.recordPrediction({ id: 'pred-1', runId: 'run-7', requestId: 'req-1', subjectKey: 'patient-1',
 *   at: new Date().toISOString(), output: 'CT_SCAN', modelVersionIds: ['mv-3'] });
 * await client.close();
 */
export { LineageClient, type LineageClientOptions, type DeadLetter, type ClientStats, type CloseResult } from './client.js';
export {
  LineageClientError,
  SpoolFullError,
  QueueFullError,
  ClientClosedError,
  SpoolLockedError,
  SpoolWriteError,
  DeliveryError,
  type ServerProblem,
} from './errors.js';
export { artifactDigest, type ArtifactUpload } from './artifacts.js';
export { PARTS, MAX_PART_ITEMS, type Part, type PartItem, type BundleResult } from './parts.js';
export { INGEST_MUTATION } from './transport.js';
export type * from '@ion-lineage/contract';
