import { ErrorCode, LineageError } from '../errors';
import { countedIngest, type IngestObserver } from '../ops/ingest-count';
import type { Executor, QueryRunner } from '../store/executor';
import { BUNDLE_ORDER, type IngestBundle, type IngestResult } from '@ion-lineage/contract';
import { ingestPart, type IngestMode } from './engine';
import { SPECS } from './entities';

export type BundleResult = Partial<Record<keyof IngestBundle, IngestResult>>;

/**
 * Told, inside the ingest transaction, which items of a part were newly written (replays are
 * not repeated), so state derived from them (drift signatures) commits with them or not at all.
 */
export type IngestHook = (tx: QueryRunner, part: keyof IngestBundle, items: readonly unknown[]) => Promise<void>;

/**
 * Writes deliveries of lineage. Each call is one transaction: written whole or not at all.
 * The first attempt assumes the items are new; if the uniqueness constraint says otherwise (a
 * replay, or a concurrent writer of the same ids), the transaction runs again with every id
 * looked up, and stored items count as replays. One more checked attempt covers a writer that
 * raced the second one.
 */
export class IngestService {
  /** Set by the app that serves this service: counts items by part and outcome. */
  observer?: IngestObserver;
  /** Called after each committed delivery (the webhook dispatcher wakes to send what it queued). */
  onCommitted?: () => void;
  /** Run after each part is written, in the same transaction (see `IngestHook`). */
  readonly hooks: IngestHook[] = [];

  constructor(private readonly executor: Executor) {}

  /** Writes one kind of item (e.g. a batch of predictions). */
  async ingestPart(part: keyof IngestBundle, items: readonly unknown[]): Promise<IngestResult> {
    const result = await this.ingestBundle({ [part]: items });
    return result[part] ?? { created: 0, unchanged: 0 };
  }

  /** Writes every part of a bundle in dependency order, so parts may refer to each other. */
  async ingestBundle(bundle: IngestBundle): Promise<BundleResult> {
    return countedIngest(this.observer, bundle, () => this.write(bundle));
  }

  private async write(bundle: IngestBundle): Promise<BundleResult> {
    const attempts: IngestMode[] = ['OPTIMISTIC', 'CHECKED', 'CHECKED'];
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await this.executor.transaction('WRITE', (tx) => writeBundle(tx, bundle, attempts[attempt], this.hooks), 'ingest');
        this.onCommitted?.();
        return result;
      } catch (error) {
        const storedId = error instanceof LineageError && error.code === ErrorCode.CONFLICT && error.problems.length === 0;
        if (!storedId || attempt === attempts.length - 1) throw error;
      }
    }
  }
}

/** Writes a bundle inside an open transaction (tests pass one they roll back). */
export async function writeBundle(
  tx: QueryRunner,
  bundle: IngestBundle,
  mode: IngestMode = 'CHECKED',
  hooks: readonly IngestHook[] = [],
): Promise<BundleResult> {
  const result: BundleResult = {};
  for (const part of BUNDLE_ORDER) {
    const items = bundle[part];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) throw new LineageError(ErrorCode.BAD_USER_INPUT, `${part}: must be a list`, [{ path: part, message: 'must be a list' }]);
    const onWritten = hooks.length
      ? async (written: unknown[]): Promise<void> => {
          for (const hook of hooks) await hook(tx, part, written);
        }
      : undefined;
    result[part] = await ingestPart(tx, SPECS[part] as never, items, mode, onWritten);
  }
  return result;
}
