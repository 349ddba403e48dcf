/**
 * `LineageClient`: records lineage from any Node pipeline without waiting for the server.
 *
 * Every `record*` call encodes its item, queues it for the spool's next group commit and
 * returns at once; the returned promise (safe to ignore) resolves when the item is on disk.
 * The client's `Delivery` (delivery.ts) sends the spool in order and acknowledges records only
 * once the server has confirmed them; ids are idempotency keys, so a batch sent twice after a
 * crash is stored once. This file holds the recording side, the direct calls and the lifecycle.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as C from '@ion-lineage/contract';
import { type ArtifactUpload, artifactsUrlFor, uploadArtifact } from './artifacts.js';
import { Delivery } from './delivery.js';
import { ClientClosedError, LineageClientError, QueueFullError, SpoolFullError } from './errors.js';
import { DEFAULTS, type ClientStats, type CloseResult, type LineageClientOptions, type ResolvedOptions } from './options.js';
import { PARTS, type BundleResult, type Part, type PartItem } from './parts.js';
import { Spool } from './spool.js';
import { bundleItemCount, encodeBundle, encodeItem } from './spool-format.js';
import { requestBody } from './transport.js';

export type { ClientStats, CloseResult, DeadLetter, LineageClientOptions } from './options.js';

/** Counters of a client whose spool has not opened yet. */
const NO_DELIVERIES = { requests: 0, created: 0, unchanged: 0, retries: 0, deadLettered: 0 };

export class LineageClient {
  private readonly options: ResolvedOptions;
  private readonly opening: Promise<Spool>;
  private spool: Spool | undefined;
  private delivery: Delivery | undefined;
  private openError: unknown;
  private closed = false;
  private closing: Promise<CloseResult> | undefined;
  /** Records appended since open (pending or durable); flush() waits for them to settle. */
  private appended = 0;
  private readonly writableWaiters: Array<() => void> = [];
  /** Records queued before the spool finished opening. */
  private early: Array<{ line: string; items: number; done: (p: Promise<void>) => void }> = [];

  constructor(options: LineageClientOptions) {
    this.options = { ...DEFAULTS, ...options };
    if (!options.url) throw new TypeError('LineageClient needs a url');
    if (!options.spoolDir) throw new TypeError('LineageClient needs a spoolDir');
    this.opening = Spool.open({
      dir: options.spoolDir,
      segmentBytes: this.options.segmentBytes,
      fsync: this.options.fsync,
      commitIntervalMs: this.options.commitIntervalMs,
    });
    this.opening.then(
      (spool) => this.started(spool),
      (error: unknown) => {
        this.openError = error;
        const failed = Promise.reject(error);
        failed.catch(() => {});
        for (const waiting of this.early) waiting.done(failed);
        this.early = [];
      },
    );
  }

  /** Opens a client and waits until its spool is ready (recovered after a crash). */
  static async open(options: LineageClientOptions): Promise<LineageClient> {
    const client = new LineageClient(options);
    await client.ready();
    return client;
  }

  /** Resolves when the spool is open; rejects if it cannot be (e.g. SpoolLockedError). */
  async ready(): Promise<void> {
    await this.opening;
  }

  private started(spool: Spool): void {
    this.spool = spool;
    // Records recovered from an earlier process count as appended, so flush() waits for them too.
    this.appended += spool.depthRecords;
    const clientId = this.options.clientId ?? persistentClientId(this.options.spoolDir);
    const transport = {
      url: this.options.url,
      clientId,
      token: this.options.token,
      timeoutMs: this.options.requestTimeoutMs,
      fetch: this.options.fetch ?? fetch,
    };
    this.delivery = new Delivery(spool, this.options, transport, () => this.closed);
    spool.onDurable = () => this.poke();
    for (const { line, items, done } of this.early) done(spool.append(line, items));
    this.early = [];
    this.delivery.start();
  }

  // ---- recording -------------------------------------------------------------------------

  /**
   * Records items of one part. Returns at once; the promise resolves when they are durable.
   * Throws SpoolFullError or QueueFullError (nothing recorded) under backpressure.
   */
  record<P extends Part>(part: P, items: ReadonlyArray<PartItem<P>>): Promise<void> {
    this.checkOpen();
    const lines = items.map((item) => encodeItem(part, item));
    let bytes = 0;
    for (const line of lines) bytes += line.length;
    this.checkRoom(lines.length, bytes);
    let last: Promise<void> = Promise.resolve();
    for (const line of lines) last = this.append(line, 1);
    return last;
  }

  /** Records a bundle: its parts are delivered together, in one transaction, or refused together. */
  bundle(bundle: C.IngestBundle): Promise<void> {
    this.checkOpen();
    const items = bundleItemCount(bundle);
    if (items === 0) return Promise.resolve();
    const line = encodeBundle(bundle);
    this.checkRoom(1, line.length);
    return this.append(line, items);
  }

  recordPrincipal = (item: C.PrincipalInput) => this.record('principals', [item]);
  recordPrincipals = (items: readonly C.PrincipalInput[]) => this.record('principals', items);
  recordIon = (item: C.IonInput) => this.record('ions', [item]);
  recordIons = (items: readonly C.IonInput[]) => this.record('ions', items);
  recordIonInstance = (item: C.IonInstanceInput) => this.record('ionInstances', [item]);
  recordIonInstances = (items: readonly C.IonInstanceInput[]) => this.record('ionInstances', items);
  recordDataset = (item: C.DatasetInput) => this.record('datasets', [item]);
  recordDatasets = (items: readonly C.DatasetInput[]) => this.record('datasets', items);
  recordDatasetVersion = (item: C.DatasetVersionInput) => this.record('datasetVersions', [item]);
  recordDatasetVersions = (items: readonly C.DatasetVersionInput[]) => this.record('datasetVersions', items);
  recordFeature = (item: C.FeatureInput) => this.record('features', [item]);
  recordFeatures = (items: readonly C.FeatureInput[]) => this.record('features', items);
  recordModel = (item: C.ModelInput) => this.record('models', [item]);
  recordModels = (items: readonly C.ModelInput[]) => this.record('models', items);
  recordRun = (item: C.RunInput) => this.record('runs', [item]);
  recordRuns = (items: readonly C.RunInput[]) => this.record('runs', items);
  recordStage = (item: C.StageInput) => this.record('stages', [item]);
  recordStages = (items: readonly C.StageInput[]) => this.record('stages', items);
  recordModelVersion = (item: C.ModelVersionInput) => this.record('modelVersions', [item]);
  recordModelVersions = (items: readonly C.ModelVersionInput[]) => this.record('modelVersions', items);
  recordApproval = (item: C.ApprovalInput) => this.record('approvals', [item]);
  recordApprovals = (items: readonly C.ApprovalInput[]) => this.record('approvals', items);
  recordDeployment = (item: C.DeploymentInput) => this.record('deployments', [item]);
  recordDeployments = (items: readonly C.DeploymentInput[]) => this.record('deployments', items);
  recordModelLoad = (item: C.ModelLoadInput) => this.record('modelLoads', [item]);
  recordModelLoads = (items: readonly C.ModelLoadInput[]) => this.record('modelLoads', items);
  recordPrediction = (item: C.PredictionInput) => this.record('predictions', [item]);
  recordPredictions = (items: readonly C.PredictionInput[]) => this.record('predictions', items);
  recordEvent = (item: C.EventInput) => this.record('events', [item]);
  recordEvents = (items: readonly C.EventInput[]) => this.record('events', items);

  private checkOpen(): void {
    if (this.closed) throw new ClientClosedError('LineageClient is closed');
    if (this.openError) throw new ClientClosedError(`LineageClient could not open its spool: ${(this.openError as Error).message}`);
    if (this.spool?.failure) throw this.spool.failure;
  }

  private checkRoom(records: number, bytes: number): void {
    const queued = this.queuedRecords();
    if (queued + records > this.options.maxQueue && queued > 0) throw new QueueFullError(queued);
    const spooled = (this.spool?.depthBytes ?? 0) + (this.spool?.pendingBytes ?? 0);
    if (spooled + bytes > this.options.maxSpoolBytes) throw new SpoolFullError(spooled, this.options.maxSpoolBytes);
  }

  private queuedRecords(): number {
    return this.spool ? this.spool.pendingRecords : this.early.length;
  }

  private append(line: string, items: number): Promise<void> {
    this.appended++;
    if (this.spool) return this.spool.append(line, items);
    const durable = new Promise<void>((resolve, reject) => this.early.push({ line, items, done: (p) => p.then(resolve, reject) }));
    // Ignoring durability is allowed; a failure to open is also thrown by the next record call.
    durable.catch(() => {});
    return durable;
  }

  /** Resolves when the queue waiting for the disk has room again (after a QueueFullError). */
  async writable(): Promise<void> {
    if (this.queuedRecords() < this.options.maxQueue) return;
    await new Promise<void>((resolve) => this.writableWaiters.push(resolve));
  }

  // ---- direct calls ----------------------------------------------------------------------

  /**
   * Sends a bundle now, bypassing the spool, and returns the server's counts. Transient
   * failures are retried; a refusal rejects with DeliveryError. For setup steps that must be
   * confirmed before going on; prefer `bundle()` in pipelines.
   */
  async ingest(bundle: C.IngestBundle): Promise<BundleResult> {
    this.checkOpen();
    await this.ready();
    bundleItemCount(bundle);
    const parts = new Map<Part, string[]>();
    for (const part of PARTS) {
      const items = bundle[part];
      if (items && items.length > 0)
        parts.set(
          part,
          items.map((item) => JSON.stringify(item)),
        );
    }
    return this.delivery!.sendWithRetry(requestBody(parts));
  }

  /** Sends items of one part now, bypassing the spool (see `ingest`). */
  async ingestPart<P extends Part>(part: P, items: ReadonlyArray<PartItem<P>>): Promise<C.IngestResult> {
    const result = await this.ingest({ [part]: items } as C.IngestBundle);
    return result[part] ?? { created: 0, unchanged: 0 };
  }

  /**
   * Uploads a model artifact to the service's content-addressed store, now (not spooled):
   * computes its SHA-256 digest, skips the transfer when the service holds it already, and
   * resolves with the digest to record as the model version's `digest`. Needs a token with
   * the INGEST permission; rejects with DeliveryError when refused (e.g. 413 over the
   * service's ARTIFACT_MAX_BYTES).
   */
  async uploadArtifact(bytes: Uint8Array): Promise<ArtifactUpload> {
    if (this.closed) throw new ClientClosedError('LineageClient is closed');
    return uploadArtifact(
      {
        artifactsUrl: this.options.artifactsUrl ?? artifactsUrlFor(this.options.url),
        token: this.options.token,
        timeoutMs: this.options.requestTimeoutMs,
        fetch: this.options.fetch ?? fetch,
      },
      bytes,
    );
  }

  /** Resolves waiting `writable()` calls and wakes the sender. */
  private poke(): void {
    for (const resolve of this.writableWaiters.splice(0)) resolve();
    this.delivery?.poke();
  }

  // ---- flush, close, stats ---------------------------------------------------------------

  /**
   * Resolves when everything recorded before the call is confirmed by the server (or
   * dead-lettered). While the server is away this waits; use `close({ timeoutMs })` to bound it.
   */
  async flush(): Promise<void> {
    await this.ready();
    await this.delivery!.settled(this.appended);
  }

  /**
   * Stops taking records, delivers what it can within `timeoutMs` (default 30 s), then stops.
   * Whatever the server has not confirmed stays in the spool for the next client on this
   * directory; nothing is dropped.
   */
  close(options: { timeoutMs?: number } = {}): Promise<CloseResult> {
    this.closing ??= this.shutDown(options.timeoutMs ?? 30_000);
    return this.closing;
  }

  private async shutDown(timeoutMs: number): Promise<CloseResult> {
    this.closed = true;
    try {
      await this.ready();
    } catch {
      return { remaining: 0 };
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.flush(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    await this.delivery!.stop();
    const remaining = this.spool!.depthItems;
    await this.spool!.close();
    return { remaining };
  }

  /** Counters since open, and what waits in the queue and the spool. */
  stats(): ClientStats {
    return {
      queued: this.queuedRecords(),
      spooled: this.spool?.depthItems ?? 0,
      spooledBytes: this.spool?.depthBytes ?? 0,
      ...(this.delivery?.counters ?? NO_DELIVERIES),
    };
  }
}

/** An id for this spool directory, kept across restarts so metrics follow one pipeline. */
function persistentClientId(dir: string): string {
  const file = path.join(dir, 'client-id');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const id = `${os.hostname()}-${randomUUID().slice(0, 8)}`;
    fs.writeFileSync(file, id);
    return id;
  }
}

export { LineageClientError };
