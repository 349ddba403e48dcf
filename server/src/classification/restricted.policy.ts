import type { Masker } from './masking';
import { RestrictedKind, type SubjectRef } from './restricted.decorators';

/**
 * Every withheld input value reads the same, so masked inputs cannot be linked by frequency
 * (`patient_sex` has two values, and two distinct masks would give them away). Investigators
 * who need to compare values have clearance and see them in clear.
 */
export const WITHHELD = 'masked:withheld';

/** What the policy does per kind, stated in every export manifest an uncleared caller receives. */
export const RESTRICTED_DATA_RULES = {
  policy: 'ion-lineage-restricted/1',
  subjectKeys: 'masked: stable keyed HMAC-SHA256 (same subject, same mask; not reversible without the server key)',
  inputs: `withheld: feature names kept, every value "${WITHHELD}"`,
  attributions: 'withheld: left out (with model coefficients they give the inputs back)',
  contentHashes: 'keyed: HMAC-SHA256 of the stored hash under the server key (no offline guessing)',
  eventDetails: 'withheld: left out (free text recorded by pipelines)',
  replayedOutputs: 'withheld: recorded and replayed outputs and scores of a replay are left out (recomputed from the inputs)',
} as const;

/** Stored prediction properties that carry subject data, and what each becomes. */
const PREDICTION_PROPERTIES: Record<string, RestrictedKind> = {
  subjectKey: RestrictedKind.SUBJECT_KEY,
  inputs: RestrictedKind.INPUTS,
  attributions: RestrictedKind.ATTRIBUTIONS,
  contentHash: RestrictedKind.CONTENT_HASH,
};

/** Stored event properties that may carry subject data (error details, stack traces, raw facets). */
const EVENT_PROPERTIES: Record<string, RestrictedKind> = { details: RestrictedKind.RAW_DETAILS };

const PROPERTIES_BY_TYPE: Record<string, Record<string, RestrictedKind>> = { Prediction: PREDICTION_PROPERTIES, Event: EVENT_PROPERTIES };

/** Whether nodes of this type carry subject data in their stored properties. */
export function carriesSubjectData(type: string): boolean {
  return Object.hasOwn(PROPERTIES_BY_TYPE, type);
}

/**
 * The restricted-data rules, one per kind: what a value becomes for a caller who may not see
 * it. Pure: whether to apply them (caller, classification) is decided by the schema wrapper
 * and by the export, never by resolvers.
 */
export class RestrictedDataPolicy {
  constructor(private readonly masker: Masker) {}

  /** The value of a field of this kind, as an uncleared caller gets it. */
  apply(kind: RestrictedKind, value: unknown, subject: SubjectRef): unknown {
    switch (kind) {
      case RestrictedKind.SUBJECT_KEY:
        return typeof value === 'string' ? this.masker.token(value) : value;
      case RestrictedKind.INPUTS:
        return withheldInputs(value);
      case RestrictedKind.ATTRIBUTIONS:
        return Array.isArray(value) ? [] : null;
      case RestrictedKind.CONTENT_HASH:
        return typeof value === 'string' ? this.masker.keyedHash(value) : value;
      case RestrictedKind.NODE_PROPERTIES:
        return value && typeof value === 'object' ? this.properties(subject.type ?? '', value as Record<string, unknown>) : value;
      case RestrictedKind.NODE_LABEL:
        return typeof value === 'string' && subject.subjectKey ? value.split(subject.subjectKey).join(this.masker.token(subject.subjectKey)) : value;
      case RestrictedKind.RAW_DETAILS:
      case RestrictedKind.DERIVED_OUTPUTS:
        return null;
      case RestrictedKind.MASKED_FLAG:
        return true;
    }
  }

  /** A node's stored properties with each restricted one handled by its rule (others untouched). */
  properties(type: string, properties: Record<string, unknown>): Record<string, unknown> {
    const rules = PROPERTIES_BY_TYPE[type];
    if (!rules) return properties;
    const out: Record<string, unknown> = { ...properties };
    for (const [key, kind] of Object.entries(rules)) {
      if (!(key in out)) continue;
      const value = this.apply(kind, out[key], { predictionId: null, type });
      if (value === null || (Array.isArray(value) && value.length === 0)) delete out[key];
      else out[key] = value;
    }
    return out;
  }

  /** A lineage or export node (id, type, label, properties) as an uncleared caller gets it. */
  node<T extends { type: string; label: string; properties: Record<string, unknown> }>(node: T): T {
    if (!carriesSubjectData(node.type)) return node;
    const subjectKey = typeof node.properties.subjectKey === 'string' ? node.properties.subjectKey : null;
    const label = this.apply(RestrictedKind.NODE_LABEL, node.label, { predictionId: null, type: node.type, subjectKey }) as string;
    return { ...node, label, properties: this.properties(node.type, node.properties) };
  }
}

/** Inputs with every value withheld and the feature names kept; JSON text stays JSON text. */
function withheldInputs(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    try {
      return JSON.stringify(withheldInputs(JSON.parse(value)));
    } catch {
      return WITHHELD;
    }
  }
  if (Array.isArray(value)) return value.map(() => WITHHELD);
  if (typeof value === 'object') return Object.fromEntries(Object.keys(value).map((key) => [key, WITHHELD]));
  return WITHHELD;
}

/**
 * Which prediction governs a graph node's restricted fields: a Prediction node itself; an Event
 * node's free text is subject data of no known prediction (always withheld from uncleared
 * callers); any other node carries none.
 */
export function subjectOfNode(node: { id: string; type: string; properties?: Record<string, unknown>; subjectKey?: string }): SubjectRef | null {
  if (node.type === 'Prediction') {
    const key = node.properties?.subjectKey ?? node.subjectKey;
    return { predictionId: node.id, type: node.type, subjectKey: typeof key === 'string' ? key : null };
  }
  return node.type === 'Event' ? { predictionId: null, type: node.type } : null;
}

/**
 * Which prediction governs a node's label: only a Prediction label that quotes a subject key
 * needs one (a control prediction's label, `control → CT_SCAN`, quotes none, so no lookup).
 */
export function subjectOfLabel(node: { id: string; type: string; properties?: Record<string, unknown>; subjectKey?: string }): SubjectRef | null {
  const subject = subjectOfNode(node);
  return subject?.subjectKey ? subject : null;
}

/** Pipelines' free text (event details) belongs to no known prediction: withheld from every uncleared caller. */
export const subjectOfEventText = (): SubjectRef => ({ predictionId: null, type: 'Event' });
