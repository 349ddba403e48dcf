/**
 * Keeps serving-window signatures up to date as predictions are ingested: one signature per
 * (run, feature) — each inference or control run is a window of its pipeline node — merged in
 * the ingest transaction, so no prediction is ever read back.
 */
import type { PredictionInput } from '@ion-lineage/contract';
import type { IngestHook } from '../ingest/ingest-service';
import type { QueryRunner, Row } from '../store/executor';
import {
  accept,
  emptySignature,
  type FeatureSignature,
  fromStored,
  kindOf,
  merge,
  OUTPUT_FEATURE,
  SCORE_FEATURE,
  type StoredSignature,
  toStored,
} from './drift.signature';

/** Id of the signatures over the predictions of run `runId`. */
export function windowSignatureId(runId: string): string {
  return `sig:${runId}`;
}

/** The values a prediction contributes: its inputs, score and output. */
function valuesOf(p: PredictionInput): Record<string, unknown> {
  const inputs = p.inputs && typeof p.inputs === 'object' && !Array.isArray(p.inputs) ? (p.inputs as Record<string, unknown>) : {};
  return { ...inputs, [SCORE_FEATURE]: p.score ?? null, [OUTPUT_FEATURE]: p.output };
}

/** Summarizes one batch: per run, one signature per feature seen in that run's predictions. */
export function summarizeBatch(predictions: readonly PredictionInput[]): Map<string, Map<string, FeatureSignature>> {
  const byRun = new Map<string, PredictionInput[]>();
  for (const p of predictions) {
    let list = byRun.get(p.runId);
    if (!list) byRun.set(p.runId, (list = []));
    list.push(p);
  }
  const out = new Map<string, Map<string, FeatureSignature>>();
  for (const [runId, list] of byRun) {
    const rows = list.map(valuesOf);
    const sigs = new Map<string, FeatureSignature>();
    for (const row of rows) {
      for (const [feature, value] of Object.entries(row)) {
        if (sigs.has(feature)) continue;
        const kind = kindOf(value);
        if (kind) sigs.set(feature, emptySignature(feature, kind));
      }
    }
    for (const row of rows) for (const sig of sigs.values()) accept(sig, row[sig.feature]);
    out.set(runId, sigs);
  }
  return out;
}

/** A run's stored signatures: every feature's stored form, by feature. */
export type RunSignatures = Record<string, StoredSignature>;

/** Merges a batch's signatures into the stored ones of its runs (lock, read, merge, write). */
export async function recordWindowSignatures(tx: QueryRunner, predictions: readonly PredictionInput[]): Promise<void> {
  if (predictions.length === 0) return;
  const batch = summarizeBatch(predictions);
  const keys = [...batch.keys()].sort().map((runId) => ({ id: windowSignatureId(runId), runId }));
  const stored = await tx.run<{ id: string; features: string } & Row>('drift/window-signatures-lock', { rows: keys });
  const rows = stored.map((row) => {
    const runId = keys.find((k) => k.id === row.id)!.runId;
    const features = JSON.parse(row.features || '{}') as RunSignatures;
    for (const sig of batch.get(runId)!.values()) {
      const before = features[sig.feature];
      // A feature whose values changed kind keeps its first kind; the batch's values count as missing.
      const merged = before ? fromStored(before) : emptySignature(sig.feature, sig.kind);
      if (merged.kind === sig.kind) merge(merged, sig);
      else merged.rows += sig.rows;
      features[sig.feature] = toStored(merged);
    }
    return { id: row.id, features: JSON.stringify(features) };
  });
  if (rows.length) await tx.run('drift/signatures-write', { rows });
}

/** The ingest hook that records window signatures for new predictions. */
export const signatureHook: IngestHook = async (tx, part, items) => {
  if (part === 'predictions') await recordWindowSignatures(tx, items as PredictionInput[]);
};
