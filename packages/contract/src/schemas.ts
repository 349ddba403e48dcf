import { z } from 'zod';
import { dateTimeProblem, looksLikeDateTime } from './date-time.js';
import { LIMITS } from './limits.js';

/**
 * The one definition of every ingest entity: the contract types (`ingest.ts`) are derived
 * from these schemas, and the server's GraphQL inputs are tested against them field by field.
 * A separate entry point (`@ion-lineage/contract/schemas`), so clients that only need the
 * types and limits never load zod.
 */
const id = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:/@+=-]*$/, 'may hold only letters, digits and . _ : / @ + = -');
const name = z.string().min(1, 'must not be empty').max(LIMITS.nameLength, `must be at most ${LIMITS.nameLength} characters`);
const text = z.string().max(LIMITS.textLength, `must be at most ${LIMITS.textLength} characters`);
/** Marks date-time fields, so the GraphQL contract test expects the DateTime scalar for them. */
export const DATE_TIME_DESCRIPTION = 'ISO-8601 date-time with an offset';
const isoTime = z
  .string()
  .superRefine((value, ctx) => {
    const problem = dateTimeProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  })
  .describe(DATE_TIME_DESCRIPTION);
/** Whether a zod schema is the date-time field type (for the contract tests). */
export function isDateTimeSchema(schema: unknown): boolean {
  return (schema as { description?: string }).description === DATE_TIME_DESCRIPTION;
}
/** Each repeat of an id would write the same relationship twice; name the repeat, not the list. */
function noRepeats<T>(key: (item: T) => string, field?: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const first = new Map<string, number>();
    items.forEach((item, i) => {
      const seen = first.get(key(item));
      if (seen === undefined) first.set(key(item), i);
      else ctx.addIssue({ code: 'custom', path: field ? [i, field] : [i], message: `repeats '${key(item)}' of index ${seen}`, input: item });
    });
  };
}
const ids = z
  .array(id)
  .max(LIMITS.listLength, `must hold at most ${LIMITS.listLength} ids`)
  .superRefine(noRepeats((value: string) => value));
/**
 * Key/value tags (taxonomies) on a node. Keys are identifiers (`team`, `mlflow.source.type`);
 * values are short free text and describe pipelines, data and models, never a subject: tags are
 * not accepted on predictions or events. Each pair becomes one shared `(:Tag)` node.
 */
export const tagSchema = z.strictObject({
  key: z
    .string()
    .min(1, 'must not be empty')
    .max(LIMITS.tagKeyLength, `must be at most ${LIMITS.tagKeyLength} characters`)
    .regex(/^[A-Za-z0-9_][A-Za-z0-9._:/-]*$/, 'may hold only letters, digits and . _ : / -'),
  value: z.string().max(LIMITS.tagValueLength, `must be at most ${LIMITS.tagValueLength} characters`),
});
const tags = z
  .array(tagSchema)
  .max(LIMITS.tagsPerItem, `must hold at most ${LIMITS.tagsPerItem} tags`)
  .superRefine(noRepeats((tag: { key: string; value: string }) => `${tag.key}=${tag.value}`));
const jsonObject = z.record(z.string(), z.unknown()).refine((value) => depthWithin(value, LIMITS.jsonDepth), {
  message: `must nest at most ${LIMITS.jsonDepth} levels deep`,
  abort: true,
});
const json = jsonObject.refine((value) => JSON.stringify(value).length <= LIMITS.jsonBytes, `must serialize to at most ${LIMITS.jsonBytes} bytes`);

/**
 * Whether a date-time is one Neo4j's DATETIME can store (a real date and time, offset within
 * ±18:00, at most nanoseconds). Text that is no date-time at all passes: the format check
 * reports it, once.
 */
export function fitsNeo4jDateTime(value: string): boolean {
  return neo4jDateTimeProblem(value) === undefined;
}

/** What keeps a date-time-shaped value out of Neo4j's DATETIME (see fitsNeo4jDateTime), as a phrase. */
export function neo4jDateTimeProblem(value: string): string | undefined {
  return looksLikeDateTime(value) ? dateTimeProblem(value) : undefined;
}

/** Whether objects and arrays nest at most `max` levels; iterative, so any depth is safe to check. */
export function depthWithin(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > max) return false;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return true;
}

/** A run or ION instance cannot end before it starts (timelines and as-of queries rely on it). */
function endsAfterStart(item: { startedAt: string; endedAt?: string }): boolean {
  return !item.endedAt || Date.parse(item.endedAt) >= Date.parse(item.startedAt);
}

export const classification = z.enum(['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'PII', 'PHI']);
export const pipelineRole = z.enum(['TRAINING', 'INFERENCE', 'CONTROL', 'POLICY', 'ETL', 'MONITOR']);
export const runStatus = z.enum(['RUNNING', 'COMPLETED', 'FAILED', 'ABORTED']);
export const messageKind = z.enum(['MODEL', 'EVENT', 'DATA']);
export const principalKind = z.enum(['HUMAN', 'SERVICE']);
export const modelFormat = z.enum(['ONNX', 'PMML', 'SAVED_MODEL', 'OPAQUE']);
export const modelStatus = z.enum(['CANDIDATE', 'APPROVED', 'REJECTED', 'RETIRED']);
export const decision = z.enum(['APPROVED', 'REJECTED']);
export const deploymentRole = z.enum(['PRIMARY', 'CONTROL', 'CANARY', 'SHADOW']);
export const eventType = z.enum(['ERROR', 'WARNING', 'ALERT', 'DRIFT', 'INFO']);

export const principalSchema = z.strictObject({
  id,
  name,
  kind: principalKind,
  email: name.optional(),
});

export const ionInstanceSchema = z
  .strictObject({
    id,
    ionId: id,
    startedAt: isoTime,
    endedAt: isoTime.optional(),
    status: runStatus,
  })
  .refine(endsAfterStart, { message: 'must not be before startedAt', path: ['endedAt'] });

export const runSchema = z
  .strictObject({
    id,
    /** A pipeline node id from an uploaded ION definition (node ids are global ids). */
    pipelineNodeId: id,
    instanceId: id.optional(),
    kind: pipelineRole,
    startedAt: isoTime,
    endedAt: isoTime.optional(),
    status: runStatus,
    params: json.optional(),
    codeVersion: name.optional(),
    engine: name.optional(),
    engineVersion: name.optional(),
    host: name.optional(),
    environment: json.optional(),
    /** Who or what started the run (a Principal id): needed for separation-of-duties checks. */
    triggeredById: id.optional(),
    /** Training runs of one hyperparameter search share a group id. */
    searchGroupId: id.optional(),
    /** Why the run uses its data (required by policy for PHI training data). */
    purpose: text.optional(),
    readDatasetVersionIds: ids.optional(),
    usedFeatureIds: ids.optional(),
    tags: tags.optional(),
  })
  .refine(endsAfterStart, { message: 'must not be before startedAt', path: ['endedAt'] });

export const stageSchema = z.strictObject({
  id,
  runId: id,
  name,
  type: name,
  stats: json.optional(),
  /** Ids of stages (same run) this stage feeds. */
  feedsStageIds: ids.optional(),
});

export const datasetSchema = z.strictObject({
  id,
  name,
  uri: text.optional(),
  classification,
  owner: name.optional(),
  description: text.optional(),
  schema: json.optional(),
  tags: tags.optional(),
});

export const datasetVersionSchema = z.strictObject({
  id,
  datasetId: id,
  version: name,
  digest: name,
  rowCount: z.number().int().nonnegative().optional(),
  createdAt: isoTime.optional(),
  schema: json.optional(),
  tags: tags.optional(),
});

export const featureSchema = z.strictObject({
  id,
  name,
  dtype: name,
  description: text.optional(),
  classification,
  transform: text.optional(),
  derivedFromDatasetIds: ids,
  tags: tags.optional(),
});

export const modelSchema = z.strictObject({
  id,
  name,
  description: text.optional(),
  tags: tags.optional(),
});

export const ensembleMemberSchema = z.strictObject({ modelVersionId: id, weight: z.number().finite().min(0).max(1) });

export const modelVersionSchema = z.strictObject({
  id,
  modelId: id,
  version: name,
  algorithm: name,
  framework: name.optional(),
  format: modelFormat,
  artifactUri: text.optional(),
  digest: name.optional(),
  hyperparameters: json.optional(),
  metrics: json.optional(),
  inputSchema: json.optional(),
  outputSchema: json.optional(),
  status: modelStatus,
  /** Training run that produced it; absent for uploaded models. */
  producedByRunId: id.optional(),
  /** Who uploaded it, for models not produced by a recorded run. */
  uploadedById: id.optional(),
  createdAt: isoTime.optional(),
  tags: tags.optional(),
  members: z
    .array(ensembleMemberSchema)
    .max(LIMITS.listLength)
    .superRefine(noRepeats((member: { modelVersionId: string }) => member.modelVersionId, 'modelVersionId'))
    .optional(),
});

export const approvalSchema = z.strictObject({
  id,
  modelVersionId: id,
  ionId: id,
  principalId: id,
  decision,
  at: isoTime,
  comment: text.optional(),
  /** The policy node's run that recorded the decision. */
  policyRunId: id.optional(),
});

export const deploymentSchema = z
  .strictObject({
    id,
    modelVersionId: id,
    pipelineNodeId: id,
    role: deploymentRole,
    from: isoTime,
    to: isoTime.optional(),
    approvalId: id.optional(),
  })
  .refine((d) => !d.to || Date.parse(d.to) >= Date.parse(d.from), { message: 'must not be before from', path: ['to'] });

export const modelLoadSchema = z.strictObject({
  runId: id,
  modelVersionId: id,
  at: isoTime,
});

export const attributionSchema = z.strictObject({ feature: name, contribution: z.number().finite() });

export const predictionSchema = z.strictObject({
  id,
  runId: id,
  requestId: id,
  subjectKey: name,
  at: isoTime,
  inputs: json.optional(),
  output: name,
  score: z.number().finite().optional(),
  attributions: z.array(attributionSchema).max(LIMITS.listLength).optional(),
  /** Model versions that produced the output; empty when none was recorded (a compliance finding). */
  modelVersionIds: ids,
});

export const eventSchema = z.strictObject({
  id,
  runId: id,
  type: eventType,
  at: isoTime,
  message: text.min(1, 'must not be empty'),
  details: json.optional(),
});

export const ionSchema = z.strictObject({
  id,
  name,
  version: name,
  description: text.optional(),
  tags: tags.optional(),
  // The definition's structure is checked against its documented JSON Schema (ion/definition).
  definition: jsonObject,
});
