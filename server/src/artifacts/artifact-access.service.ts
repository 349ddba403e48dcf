/**
 * Who may read a model artifact. An artifact is restricted like the data it was trained on: the
 * model versions that name it by digest carry a classification (the strictest of their training
 * runs' datasets and features, members included), and when that is PII or PHI, or cannot be
 * shown to be anything less (no version names it, or none records its training), downloading
 * needs the same clearance as restricted prediction data (SEE_RESTRICTED_DATA). A model learned
 * from patients' records can give parts of them back (memorization, membership inference).
 */
import { Permission, may } from '../auth/permissions';
import type { Principal } from '../auth/principal';
import { isRestricted, type Level, strictest } from '../classification/classification.levels';
import type { ClassificationService } from '../classification/classification.service';
import { ErrorCode, LineageError } from '../errors';
import type { QueryRunner } from '../store/executor';
import { ArtifactIntegrityError, parseArtifactDigest } from './artifact-digest';
import type { ArtifactStore } from './artifact-store';

/** Most model versions one artifact's classification is computed over; more fail closed. */
export const MAX_LINKED_VERSIONS = 100;

/** The model versions behind an artifact and the level that governs it. */
export interface ArtifactClassification {
  digest: string;
  /** Ids of the model versions naming this digest (at most MAX_LINKED_VERSIONS). */
  modelVersionIds: string[];
  /** The strictest level among them; null when unknown (no version, no recorded training). */
  level: Level | null;
  /** Whether downloading needs SEE_RESTRICTED_DATA. */
  restricted: boolean;
}

/** Looks up, authorizes and fetches artifacts for the REST routes. */
export class ArtifactAccessService {
  constructor(
    private readonly runner: QueryRunner,
    private readonly classification: ClassificationService,
    readonly store: ArtifactStore,
  ) {}

  /** The model versions naming `digest` and the classification they give it. */
  async classify(digest: string): Promise<ArtifactClassification> {
    parseArtifactDigest(digest);
    const rows = await this.runner.run<{ id: string } & Record<string, unknown>>('artifacts/model-versions', { digest });
    const modelVersionIds = rows.slice(0, MAX_LINKED_VERSIONS).map((row) => row.id);
    const versions = await this.classification.modelVersions(modelVersionIds);
    // More versions than were read: an unread one might be stricter, so assume the worst.
    const level = rows.length > MAX_LINKED_VERSIONS ? null : strictest([...versions.values()].map((v) => v.level));
    const unknown = modelVersionIds.some((id) => versions.get(id)?.level === null) || modelVersionIds.length === 0;
    return { digest, modelVersionIds, level: unknown ? null : level, restricted: unknown || isRestricted(level) };
  }

  /**
   * The classification of an artifact the caller may download; FORBIDDEN (naming the level and
   * the permission) when it is restricted and the caller has no clearance.
   */
  async authorizeDownload(principal: Principal, digest: string): Promise<ArtifactClassification> {
    const found = await this.classify(digest);
    if (found.restricted && !may(principal, Permission.SEE_RESTRICTED_DATA)) {
      const why = found.level ? `trained on ${found.level} data` : 'of unknown training data (fails closed)';
      throw new LineageError(
        ErrorCode.FORBIDDEN,
        `Forbidden: artifact ${digest} is ${why}; downloading it needs the ${Permission.SEE_RESTRICTED_DATA} permission, which roles [${principal.roles.join(', ')}] do not grant`,
        [],
        403,
      );
    }
    return found;
  }

  /** The verified bytes; NOT_FOUND when none are stored, CONFLICT when the stored bytes no longer match. */
  async read(digest: string): Promise<Uint8Array> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await this.store.get(digest);
    } catch (error) {
      if (error instanceof ArtifactIntegrityError) {
        throw new LineageError(ErrorCode.CONFLICT, `The stored bytes of artifact ${digest} no longer match its digest; it is not served. Upload it again.`, [
          { path: 'digest', message: 'stored bytes are corrupt' },
        ]);
      }
      throw error;
    }
    if (!bytes) throw new LineageError(ErrorCode.NOT_FOUND, `No artifact is stored under ${digest}.`);
    return bytes;
  }
}
