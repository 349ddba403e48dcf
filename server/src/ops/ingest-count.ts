import type { IngestBundle, IngestResult } from '@ion-lineage/contract';
import type { IngestOutcome } from './metrics';

/** Told how many items of each part a delivery created, replayed or had rejected. */
export interface IngestObserver {
  countIngest(part: string, outcome: IngestOutcome, items: number): void;
}

/**
 * Runs one delivery and counts its items: created and unchanged per part when it is written,
 * every item of every part as rejected when it fails (a delivery is written whole or not at all).
 */
export async function countedIngest<R extends Partial<Record<keyof IngestBundle, IngestResult>>>(
  observer: IngestObserver | undefined,
  bundle: IngestBundle,
  write: () => Promise<R>,
): Promise<R> {
  if (!observer) return write();
  let result: R;
  try {
    result = await write();
  } catch (error) {
    for (const [part, items] of Object.entries(bundle)) {
      if (Array.isArray(items)) observer.countIngest(part, 'rejected', items.length);
    }
    throw error;
  }
  for (const [part, counts] of Object.entries(result) as Array<[string, IngestResult | undefined]>) {
    if (!counts) continue;
    observer.countIngest(part, 'created', counts.created);
    observer.countIngest(part, 'unchanged', counts.unchanged);
  }
  return result;
}
