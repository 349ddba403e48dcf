/**
 * The demo's model artifacts: every member, surrogate and ensemble version gets real bytes
 * (ONNX for the linear models, a JSON manifest for an ensemble, which replays through its
 * members), and its `digest` becomes `sha256:<hex>` of them. Two versions are planted faults
 * for replay: one whose artifact was never uploaded, one whose stored bytes were later altered.
 */
import { createHash } from 'node:crypto';
import type { ModelVersionInput } from '@ion-lineage/contract';
import { MODELS, MEMBER_KEYS, type MemberKey } from './catalog';
import { linearOnnxModel } from './onnx-linear';
import { CORRUPT_MEMBER_OF_ENSEMBLE, NO_ARTIFACT_SURROGATE } from './plan';
import { THRESHOLDS, memberScoring, scoringSpec } from './scoring';
import { compileScoring } from './scoring-compile';

/** What happens to an artifact when the demo is loaded. */
export type ArtifactFault = 'NOT_UPLOADED' | 'CORRUPTED';

/** One version's artifact as the loader uploads it. */
export interface ScenarioArtifact {
  modelVersionId: string;
  digest: string;
  bytes: Uint8Array;
  fault?: ArtifactFault;
}

/** The planted replay faults (ground truth). */
export interface ReplayFaults {
  noArtifactModelVersionId: string;
  corruptArtifactModelVersionId: string;
}

const digestOf = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function memberKeyOf(mv: ModelVersionInput): MemberKey | undefined {
  return MEMBER_KEYS.find((key) => MODELS[key].id === mv.modelId);
}

/** The ONNX bytes of a linear version; its id goes in the doc string so no two versions share bytes. */
function linearBytes(mv: ModelVersionInput, spec: unknown): Uint8Array {
  return linearOnnxModel(compileScoring(mv.id, spec), THRESHOLDS, `${MODELS_BY_ID.get(mv.modelId) ?? mv.modelId} ${mv.id}`);
}

const MODELS_BY_ID = new Map<string, string>(Object.values(MODELS).map((m) => [m.id, m.name]));

/** The ensemble's package: its members, weights and combination rule, canonical JSON. */
function manifestBytes(mv: ModelVersionInput): Uint8Array {
  const members = (mv.members ?? []).map((m) => ({ modelVersionId: m.modelVersionId, weight: m.weight ?? null }));
  const combination = mv.hyperparameters?.['combination'] ?? null;
  return new TextEncoder().encode(JSON.stringify({ kind: 'ion-ensemble/1', modelVersionId: mv.id, combination, members }));
}

/** Builds every artifact, sets each version's digest to it, and marks the planted faults. */
export function addArtifacts(modelVersions: ModelVersionInput[]): { artifacts: ScenarioArtifact[]; faults: ReplayFaults } {
  const noArtifact = `mv-${MODELS.surrogate.name}-v${NO_ARTIFACT_SURROGATE}`;
  const recalled = modelVersions.find((mv) => mv.id === `mv-${MODELS.ensemble.name}-v${CORRUPT_MEMBER_OF_ENSEMBLE}`);
  const corrupt = recalled?.members?.map((m) => m.modelVersionId).find((id) => id.startsWith(`mv-${MODELS.xray.name}-`));
  if (!corrupt) throw new Error(`ensemble v${CORRUPT_MEMBER_OF_ENSEMBLE} has no X-ray member`);
  const artifacts: ScenarioArtifact[] = [];
  for (const mv of modelVersions) {
    const key = memberKeyOf(mv);
    const spec = mv.hyperparameters?.['scoring'];
    let bytes: Uint8Array;
    if (key) bytes = linearBytes(mv, scoringSpec(memberScoring(key)));
    else if (mv.members?.length) bytes = manifestBytes(mv);
    else if (spec !== undefined) bytes = linearBytes(mv, spec);
    else continue; // The legacy PMML model: no artifact survives from before the scenario.
    mv.digest = digestOf(bytes);
    const fault: ArtifactFault | undefined = mv.id === noArtifact ? 'NOT_UPLOADED' : mv.id === corrupt ? 'CORRUPTED' : undefined;
    artifacts.push({ modelVersionId: mv.id, digest: mv.digest, bytes, ...(fault ? { fault } : {}) });
  }
  return { artifacts, faults: { noArtifactModelVersionId: noArtifact, corruptArtifactModelVersionId: corrupt } };
}
