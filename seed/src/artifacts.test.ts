/**
 * The demo's ONNX artifacts, run by onnxruntime through the replay engine without a database:
 * they reproduce every recorded score (ensembles through their members), their digests are
 * stable, and the planted faults come out as the missing ingredients they stand for.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelVersionInput } from '@ion-lineage/contract';
import { ArtifactIntegrityError, LocalArtifactStore, sha256Digest } from '../../server/src/artifacts/artifact-store';
import { ModelCache } from '../../server/src/replay/model-cache';
import { ReplayEngine, type VersionSpec } from '../../server/src/replay/replay.engine';
import { verdictOf } from '../../server/src/replay/replay.compare';
import { uploadArtifacts } from './artifact-upload';
import { generateScenario } from './scenario';
import { collect } from './testing';

const scenario = generateScenario({ seed: 5, predictions: 600 });
const { all } = collect(scenario);
const versions = new Map(all.modelVersions.map((v) => [v.id, v]));
let dir: string;
let store: LocalArtifactStore;
let engine: ReplayEngine;

function spec(mv: ModelVersionInput): VersionSpec {
  return {
    id: mv.id,
    format: mv.format ?? null,
    digest: mv.digest ?? null,
    hyperparameters: (mv.hyperparameters ?? null) as Record<string, unknown> | null,
    inputSchema: (mv.inputSchema ?? null) as Record<string, unknown> | null,
    members: (mv.members ?? []).map((m) => ({ ...spec(versions.get(m.modelVersionId)!), weight: m.weight ?? null })),
  };
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ion-artifacts-'));
  store = new LocalArtifactStore(dir);
  await uploadArtifacts(store, scenario.artifacts);
  engine = new ReplayEngine(new ModelCache(store));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('demo artifacts', () => {
  it('record sha256 digests of their bytes, identical for the same seed', () => {
    for (const a of scenario.artifacts) {
      expect(a.digest).toBe(sha256Digest(a.bytes));
      expect(versions.get(a.modelVersionId)!.digest).toBe(a.digest);
    }
    const again = generateScenario({ seed: 5, predictions: 600 }).artifacts.map((a) => a.digest);
    expect(again).toEqual(scenario.artifacts.map((a) => a.digest));
    expect(new Set(again).size).toBe(again.length);
  });

  it('reproduce every recorded score but the planted faults', async () => {
    const { replay } = scenario.truth;
    const byVersion = new Map<string, typeof all.predictions>();
    for (const p of all.predictions) for (const id of p.modelVersionIds) byVersion.set(id, [...(byVersion.get(id) ?? []), p]);
    const seen = { reproduced: 0, differs: [] as string[], missing: new Map<string, string>() };
    for (const [id, predictions] of byVersion) {
      const evaluation = await engine.evaluate(
        spec(versions.get(id)!),
        predictions.map((p) => p.inputs! as Record<string, string | number | boolean>),
      );
      if (!evaluation.ok) {
        seen.missing.set(id, evaluation.missing);
        continue;
      }
      predictions.forEach((p, r) => {
        const { verdict } = verdictOf({ output: p.output, score: p.score ?? null }, evaluation.results[r]!);
        if (verdict === 'REPRODUCED') seen.reproduced++;
        else seen.differs.push(p.id);
      });
    }
    expect(seen.differs).toEqual([replay.misloggedPredictionId]);
    expect(seen.missing.get(replay.noArtifactModelVersionId)).toBe('NO_ARTIFACT');
    const corrupted = [...seen.missing].filter(([, m]) => m === 'DIGEST_MISMATCH').map(([id]) => versions.get(id)!);
    expect(corrupted.length).toBeGreaterThan(0);
    expect(corrupted.every((v) => v.members?.some((m) => m.modelVersionId === replay.corruptArtifactModelVersionId))).toBe(true);
    expect(seen.reproduced).toBeGreaterThan(all.predictions.length / 2);
  });

  it('leave the corrupted artifact where its digest names it, failing verification', async () => {
    const corrupt = scenario.artifacts.find((a) => a.fault === 'CORRUPTED')!;
    await expect(store.get(corrupt.digest)).rejects.toBeInstanceOf(ArtifactIntegrityError);
    expect(await store.has(scenario.artifacts.find((a) => a.fault === 'NOT_UPLOADED')!.digest)).toBe(false);
  });
});
