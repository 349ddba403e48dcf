import type { Principal } from '../auth/principal';
import type { LineageEdgeData, LineageNodeData } from '../lineage/lineage.traverse';
import type { WhyAnswer, WhyModel } from '../why/why.types';
import { asLevel, type Level, RESTRICTED_LEVELS, strictest } from './classification.levels';
import type { NodeClassificationData } from './classification.propagate';
import type { ClassificationService } from './classification.service';
import { type Masker, mustMask, seesRestricted } from './masking';

/** The caller of a request, when authentication has put one on the context. */
export function principalOf(ctx: object): Principal | undefined {
  return (ctx as { principal?: Principal }).principal;
}

/** Anything that carries a prediction's subject key (search and impact hits). */
export interface SubjectHit {
  id: string;
  subjectKey: string;
  inputs?: unknown;
}

/**
 * Masks subject keys and input values of PII/PHI predictions (and of predictions whose level is
 * unknown) for callers without SEE_RESTRICTED_DATA, wherever the API returns them. Callers with
 * clearance pay nothing: no classification is computed for them.
 */
export class RestrictedDataGuard {
  /** Why answers already classified, so the `classification` field reuses the lookup. */
  private readonly whyLevels = new WeakMap<WhyAnswer, Promise<NodeClassificationData>>();

  constructor(
    private readonly classification: ClassificationService,
    readonly masker: Masker,
  ) {}

  /** The prediction's classification for a why answer (computed once per answer). */
  whyClassification(answer: WhyAnswer): Promise<NodeClassificationData> {
    let found = this.whyLevels.get(answer);
    if (!found) {
      found = this.classification.predictions([answer.prediction.id]).then((m) => m.get(answer.prediction.id)!);
      this.whyLevels.set(answer, found);
    }
    return found;
  }

  /** The why answer with the prediction's subject key and inputs masked when the caller must not see them. */
  async why(answer: WhyAnswer, principal: Principal | undefined): Promise<WhyAnswer> {
    if (seesRestricted(principal)) return answer;
    // The answer already shows its models' training data and features. When those hold PII/PHI
    // the strictest-wins walk can only agree, so the lookup (three queries) is skipped; anything
    // less is confirmed by the full walk, which sees further (nested members) and fails closed.
    const shown = levelShownBy(answer);
    const level = shown !== null && RESTRICTED_LEVELS.has(shown) ? shown : (await this.whyClassification(answer)).level;
    if (!mustMask(principal, level)) return answer;
    const p = answer.prediction;
    const masked = this.masker.token(p.subjectKey);
    const safe: WhyAnswer = {
      ...answer,
      prediction: { ...p, subjectKey: masked, inputs: this.masker.inputs(p.inputs) },
      subgraph: { ...answer.subgraph, nodes: answer.subgraph.nodes.map((n) => (n.id === p.id && p.subjectKey ? { ...n, label: n.label.split(p.subjectKey).join(masked) } : n)) },
    };
    // The `classification` field of the masked answer reuses a lookup already made, if any.
    const looked = this.whyLevels.get(answer);
    if (looked) this.whyLevels.set(safe, looked);
    return safe;
  }

  /** Lineage nodes with Prediction properties masked as needed (other nodes unchanged). */
  async lineageNodes<T extends LineageNodeData>(nodes: readonly T[], principal: Principal | undefined): Promise<T[]> {
    const levels = await this.predictionLevels(nodes.filter((n) => n.type === 'Prediction').map((n) => n.id), principal);
    if (!levels) return [...nodes];
    return nodes.map((n) => (n.type === 'Prediction' && mustMask(principal, levels.get(n.id) ?? null) ? this.maskNode(n) : n));
  }

  /** A lineage result (root, nodes) masked as needed. */
  async lineage<R extends { root: LineageNodeData; nodes: LineageNodeData[]; edges: LineageEdgeData[] }>(result: R, principal: Principal | undefined): Promise<R> {
    if (seesRestricted(principal)) return result;
    const nodes = await this.lineageNodes([result.root, ...result.nodes], principal);
    return { ...result, root: nodes[0]!, nodes: nodes.slice(1) };
  }

  /** Prediction hits (search, impact) with subject keys and inputs masked as needed. */
  async hits<T extends SubjectHit>(hits: readonly T[], principal: Principal | undefined): Promise<T[]> {
    const levels = await this.predictionLevels(hits.map((h) => h.id), principal);
    if (!levels) return [...hits];
    return hits.map((h) => (mustMask(principal, levels.get(h.id) ?? null) ? { ...h, subjectKey: this.masker.token(h.subjectKey), ...('inputs' in h ? { inputs: this.masker.inputs(h.inputs) } : {}) } : h));
  }

  /** Levels of these predictions, or undefined when the caller sees everything anyway. */
  async predictionLevels(ids: readonly string[], principal: Principal | undefined): Promise<Map<string, Level | null> | undefined> {
    if (seesRestricted(principal) || ids.length === 0) return undefined;
    const found = await this.classification.predictions(ids);
    return new Map([...found].map(([id, c]) => [id, c.level]));
  }

  /** One Prediction node with its subject key, inputs and label masked. */
  maskNode<T extends LineageNodeData>(node: T): T {
    const subject = typeof node.properties.subjectKey === 'string' ? node.properties.subjectKey : null;
    const masked = !subject ? null : this.masker.token(subject);
    const properties = { ...node.properties, ...(masked ? { subjectKey: masked } : {}), ...('inputs' in node.properties ? { inputs: this.masker.inputsText(node.properties.inputs) } : {}) };
    return { ...node, properties, label: subject && masked ? node.label.split(subject).join(masked) : node.label };
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
