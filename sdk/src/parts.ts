/**
 * The parts of the ingestion API, as the SDK names them: one per bundle part, in the order the
 * server writes a bundle (parents before children), and the item type of each.
 */
import { BUNDLE_ORDER, LIMITS, type IngestBundle, type IngestResult } from '@ion-lineage/contract';

/** A part of a bundle: `principals`, `ions`, ... `predictions`, `events`. */
export type Part = keyof IngestBundle;

/** The item type of one part, e.g. `PartItem<'predictions'>` is `PredictionInput`. */
export type PartItem<P extends Part> = NonNullable<IngestBundle[P]>[number];

/** Per part of a delivery, how many items were new and how many were replays. */
export type BundleResult = Partial<Record<Part, IngestResult>>;

/** Every part, in the server's write order. */
export const PARTS: readonly Part[] = BUNDLE_ORDER;

/** Most items of one part in one request (the server's batch limit). */
export const MAX_PART_ITEMS = LIMITS.batchItems;

const PART_SET = new Set<string>(PARTS);

/** Whether `name` is a part of the ingestion API. */
export function isPart(name: string): name is Part {
  return PART_SET.has(name);
}
