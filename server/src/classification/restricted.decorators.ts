import { Extensions } from 'type-graphql';

/**
 * What kind of subject data a field carries, and so what an uncleared caller gets instead
 * (see `restricted.policy.ts` for each rule and why).
 */
export enum RestrictedKind {
  /** A subject key: a stable keyed mask, so one subject can still be followed across answers. */
  SUBJECT_KEY = 'SUBJECT_KEY',
  /** Input values: withheld (feature names stay), every value the same, so nothing links by frequency. */
  INPUTS = 'INPUTS',
  /** Per-feature contributions: withheld (with the model's coefficients they give the inputs back). */
  ATTRIBUTIONS = 'ATTRIBUTIONS',
  /** A hash over content that holds a subject key: re-keyed with a server secret. */
  CONTENT_HASH = 'CONTENT_HASH',
  /** A node's stored properties: each restricted property follows its own rule above. */
  NODE_PROPERTIES = 'NODE_PROPERTIES',
  /** A display label that may quote the subject key: the key is replaced by its mask. */
  NODE_LABEL = 'NODE_LABEL',
  /** Free text recorded by pipelines (error details, stack traces, raw facets): withheld. */
  RAW_DETAILS = 'RAW_DETAILS',
  /** Outputs recomputed from a prediction's inputs (replayed scores, what-if answers): withheld. */
  DERIVED_OUTPUTS = 'DERIVED_OUTPUTS',
  /** True when this object's restricted fields are masked or withheld for the caller. */
  MASKED_FLAG = 'MASKED_FLAG',
}

/** Which prediction a field's value belongs to (its classification decides), or null: not prediction data. */
export type SubjectOf = (parent: never) => SubjectRef | null;

/** The prediction whose classification governs a value, and the clear key to replace in labels. */
export interface SubjectRef {
  /** A Prediction id, or null when the value is subject data of unknown origin (always restricted). */
  predictionId: string | null;
  /** The node type, for node properties and labels (only Prediction and Event nodes carry subject data). */
  type?: string;
  /** The clear subject key, when the value may quote it (labels). */
  subjectKey?: string | null;
}

/** The declaration a restricted field carries in its schema extensions. */
export interface RestrictedDeclaration {
  kind: RestrictedKind;
  subjectOf: SubjectOf;
}

/** Why a sensitive-looking field carries no subject data: the declaration of a deliberate decision. */
export interface UnrestrictedDeclaration {
  kind: 'NONE';
  reason: string;
}

export const RESTRICTED_EXTENSION = 'restricted';

/** The default: the parent object is the prediction itself. */
const predictionItself: SubjectOf = (parent: { id?: unknown }) => ({ predictionId: typeof parent.id === 'string' ? parent.id : null, type: 'Prediction' });

/**
 * Declares that a GraphQL field can carry subject data. The one policy (applied to the built
 * schema by `applyRestrictedDataPolicy`) masks or withholds it for callers without
 * SEE_RESTRICTED_DATA whenever its prediction is PII, PHI or of unknown level, on every path.
 * `subjectOf` names that prediction from the parent object (default: the parent's `id`).
 */
export function Restricted(kind: RestrictedKind, subjectOf: SubjectOf = predictionItself): PropertyDecorator & MethodDecorator & ClassDecorator {
  const declaration: RestrictedDeclaration = { kind, subjectOf };
  return Extensions({ [RESTRICTED_EXTENSION]: declaration });
}

/** Declares that a field which looks sensitive (JSON, labels, hashes) carries no subject data, and why. */
export function NotRestricted(reason: string): PropertyDecorator & MethodDecorator & ClassDecorator {
  const declaration: UnrestrictedDeclaration = { kind: 'NONE', reason };
  return Extensions({ [RESTRICTED_EXTENSION]: declaration });
}

export const RESTRICTED_LOOKUP_EXTENSION = 'restrictedLookup';

/**
 * Declares arguments of a query that look predictions up *by* subject data (a subject key): a
 * caller without SEE_RESTRICTED_DATA is refused before any lookup, so the answer (found or not
 * found) can never confirm that a guessed key exists.
 */
export function RestrictedLookup(...argumentNames: string[]): MethodDecorator {
  return Extensions({ [RESTRICTED_LOOKUP_EXTENSION]: argumentNames });
}
