/**
 * Loaded models by digest, fetched from the artifact store (which verifies the digest) and kept
 * in a bounded LRU, so a warm replay skips the fetch and the session load. An evicted model's
 * session is released. Failures are not cached: a later upload of the missing artifact counts.
 */
import { LRUCache } from 'lru-cache';
import { ArtifactIntegrityError, type ArtifactStore } from '../artifacts/artifact-store';
import { OnnxModel, UnsupportedModelError } from './onnx-model';

/** Why a model could not be loaded: the missing ingredient, and a sentence saying which. */
export type LoadFailure = { missing: 'NO_ARTIFACT' | 'DIGEST_MISMATCH' | 'UNSUPPORTED_FORMAT'; detail: string };

/** Sessions kept at once by default (each demo model is a few kilobytes; real ones may be large). */
export const DEFAULT_MODEL_CACHE_SIZE = 64;

export class ModelCache {
  private readonly cache: LRUCache<string, Promise<OnnxModel>>;

  constructor(
    private readonly store: ArtifactStore,
    max = DEFAULT_MODEL_CACHE_SIZE,
  ) {
    this.cache = new LRUCache({
      max,
      dispose: (model) => {
        void model.then((m) => m.release()).catch(() => {});
      },
    });
  }

  /** The model stored under `digest`, or why there is none. */
  async load(digest: string | null, fallbackFeatures: readonly string[] | undefined): Promise<OnnxModel | LoadFailure> {
    if (!digest) return { missing: 'NO_ARTIFACT', detail: 'the model version records no digest' };
    let pending = this.cache.get(digest);
    if (!pending) {
      pending = this.fetch(digest, fallbackFeatures);
      this.cache.set(digest, pending);
      pending.catch(() => this.cache.delete(digest));
    }
    try {
      return await pending;
    } catch (error) {
      if (error instanceof ArtifactIntegrityError) return { missing: 'DIGEST_MISMATCH', detail: error.message };
      if (error instanceof UnsupportedModelError) return { missing: 'UNSUPPORTED_FORMAT', detail: error.message };
      if (error instanceof MissingArtifact) return { missing: 'NO_ARTIFACT', detail: error.message };
      throw error;
    }
  }

  private async fetch(digest: string, fallbackFeatures: readonly string[] | undefined): Promise<OnnxModel> {
    if (!/^sha256:[0-9a-f]{64}$/.test(digest)) throw new MissingArtifact(`digest ${digest} is not sha256:<hex>, so no artifact is addressed by it`);
    const bytes = await this.store.get(digest);
    if (!bytes) throw new MissingArtifact(`no artifact is stored under ${digest}`);
    return OnnxModel.load(bytes, fallbackFeatures);
  }

  /** Drops every loaded model (tests and benchmarks measure cold replays this way). */
  clear(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }
}

class MissingArtifact extends Error {}
