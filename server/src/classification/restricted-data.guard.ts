import DataLoader from 'dataloader';
import type { Principal } from '../auth/principal';
import type { WhyAnswer, WhyModel } from '../why/why.types';
import { asLevel, type Level, RESTRICTED_LEVELS, strictest } from './classification.levels';
import type { NodeClassificationData } from './classification.propagate';
import type { ClassificationService } from './classification.service';
import { type Masker, seesRestricted } from './masking';
import { RestrictedDataPolicy } from './restricted.policy';

/**
 * The run-time half of the restricted-data policy: the rules (`policy`) and the per-request
 * classification lookups that decide when they apply. Resolvers never call it to mask; the
 * schema wrapper (`applyRestrictedDataPolicy`) and the export do.
 */
export class RestrictedDataGuard {
  readonly policy: RestrictedDataPolicy;
  /** One loader per request (keyed by its context object), so a request classifies each prediction once. */
  private readonly loaders = new WeakMap<object, DataLoader<string, NodeClassificationData>>();
  /** Levels known without a lookup, per request (see `hintWhyLevel`). */
  private readonly hints = new WeakMap<object, Map<string, Level>>();

  constructor(
    private readonly classification: ClassificationService,
    readonly masker: Masker,
  ) {
    this.policy = new RestrictedDataPolicy(masker);
  }

  /** A prediction's classification within one request (batched with the request's other lookups). */
  predictionClassification(ctx: object, predictionId: string): Promise<NodeClassificationData> {
    let loader = this.loaders.get(ctx);
    if (!loader) {
      loader = new DataLoader(async (ids: readonly string[]) => {
        const found = await this.classification.predictions(ids);
        return ids.map((id) => found.get(id)!);
      });
      this.loaders.set(ctx, loader);
    }
    return loader.load(predictionId);
  }

  /** The level that decides whether a prediction's restricted fields are masked for this request. */
  async predictionLevel(ctx: object, predictionId: string): Promise<Level | null> {
    const hinted = this.hints.get(ctx)?.get(predictionId);
    return hinted !== undefined ? hinted : (await this.predictionClassification(ctx, predictionId)).level;
  }

  /**
   * Lets a why answer that already shows PII/PHI training data or features skip the
   * classification walk (three queries): strictest wins, so the walk could only agree. Lower
   * levels are left to the full walk, which sees further (nested members) and fails closed.
   */
  hintWhyLevel(ctx: object, answer: Pick<WhyAnswer, 'models' | 'prediction'>): void {
    const shown = levelShownBy(answer);
    if (shown === null || !RESTRICTED_LEVELS.has(shown)) return;
    const hints = this.hints.get(ctx) ?? new Map<string, Level>();
    hints.set(answer.prediction.id, shown);
    this.hints.set(ctx, hints);
  }

  /** Levels of these predictions, or undefined when the caller sees everything anyway (exports). */
  async predictionLevels(ids: readonly string[], principal: Principal | undefined): Promise<Map<string, Level | null> | undefined> {
    if (seesRestricted(principal) || ids.length === 0) return undefined;
    const found = await this.classification.predictions(ids);
    return new Map([...found].map(([id, c]) => [id, c.level]));
  }
}

/** The strictest level among the training datasets and features the why answer shows (members included). */
export function levelShownBy(answer: Pick<WhyAnswer, 'models'>): Level | null {
  const levels: Array<Level | null> = [];
  const visit = (models: readonly WhyModel[]) => {
    for (const model of models) {
      for (const version of model.training?.datasetVersions ?? []) levels.push(asLevel(version.dataset?.classification));
      for (const feature of model.training?.features ?? []) levels.push(asLevel(feature.classification));
      visit(model.members ?? []);
    }
  };
  visit(answer.models);
  return strictest(levels);
}
