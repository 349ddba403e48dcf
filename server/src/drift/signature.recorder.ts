/**
 * Keeps serving-window signatures up to date as predictions are ingested: one signature per
 * (run, feature) — each inference or control run is a window of its pipeline node — merged in
 * the ingest transaction, so no prediction is ever read back.
 */
import type { PredictionInput } from '@ion-lineage/contract';
import type { IngestHook } from '../ingest/ingest-service';
import type { QueryRunner, Row } from '../store/executor';
import { OUTPUT_FEATURE, SCORE_FEATURE, type StoredSignature } from './drift.signature';
import { addRow, type BatchRun, mergeIntoStored } from './signature.batch';

/** Id of the signatures over the predictions of run `runId`. */
export function windowSignatureId(runId: string): string {
  return `sig:${runId}`;
}

/** The values a prediction contributes: its inputs, score and output. */
function valuesOf(p: PredictionInput): Record<string, unknown> {
  const inputs = p.inputs && typeof p.inputs === 'object' && !Array.isArray(p.inputs) ? (p.inputs as Record<string, unknown>) : {};
  return { ...inputs, [SCORE_FEATURE]: p.score ?? null, [OUTPUT_FEATURE]: p.output };
}

/** Summarizes one batch: per run, its rows and the values of every feature seen in them. */
export function summarizeBatch(predictions: readonly PredictionInput[]): Map<string, BatchRun> {
  const out = new Map<string, BatchRun>();
  for (const p of predictions) {
    let run = out.get(p.runId);
    if (!run) out.set(p.runId, (run = { rows: 0, features: new Map() }));
    addRow(run, valuesOf(p));
  }
  return out;
}

/** A run's stored signatures: every feature's stored form, by feature. */
export type RunSignatures = Record<string, StoredSignature>;

/**
 * Merges a batch into the stored signatures of its runs. One round trip creates the new ones
 * with the batch's values (the common case: a run's predictions mostly arrive in one batch) and
 * locks and reads the existing ones; a second writes those back merged.
 */
export async function recordWindowSignatures(tx: QueryRunner, predictions: readonly PredictionInput[]): Promise<void> {
  if (predictions.length === 0) return;
  const batch = summarizeBatch(predictions);
  const byId = new Map<string, BatchRun>();
  const rows = [...batch.keys()].sort().map((runId) => {
    const id = windowSignatureId(runId);
    const run = batch.get(runId)!;
    byId.set(id, run);
    const features: RunSignatures = {};
    mergeIntoStored(features, run);
    return { id, runId, features: JSON.stringify(features) };
  });
  const existing = await tx.run<{ id: string; features: string } & Row>('drift/window-signatures-upsert', { rows });
  const merged = existing.map((row) => {
    const features = JSON.parse(row.features || '{}') as RunSignatures;
    mergeIntoStored(features, byId.get(row.id)!);
    return { id: row.id, features: JSON.stringify(features) };
  });
  if (merged.length) await tx.run('drift/signatures-write', { rows: merged });
}

/** The ingest hook that records window signatures for new predictions. */
export const signatureHook: IngestHook = async (tx, part, items) => {
  if (part === 'predictions') await recordWindowSignatures(tx, items as PredictionInput[]);
};
