import { z } from 'zod';
import { dateTimeProblem, looksLikeDateTime } from '../date-time';
import type * as C from './contract';

/** Size limits of ingest input; every one is reported with the offending field's path. */
export const LIMITS = {
  idLength: 256,
  nameLength: 512,
  textLength: 16_384,
  /** Serialized size of one JSON field (params, inputs, schemas, stats...). */
  jsonBytes: 256 * 1024,
  /** Nesting of one JSON field; deeper values would overflow the stack while hashing. */
  jsonDepth: 64,
  listLength: 1_000,
  batchItems: 10_000,
} as const;

const id = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.idLength, `must be at most ${LIMITS.idLength} characters`)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:\/@+=-]*$/, 'may hold only letters, digits and . _ : / @ + = -');
const name = z.string().min(1, 'must not be empty').max(LIMITS.nameLength, `must be at most ${LIMITS.nameLength} characters`);
const text = z.string().max(LIMITS.textLength, `must be at most ${LIMITS.textLength} characters`);
const isoTime = z.string().superRefine((value, ctx) => {
  const problem = dateTimeProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
});
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

export const principalSchema = z.strictObject({
  id,
  name,
  kind: z.enum(['HUMAN', 'SERVICE']),
  email: name.optional(),
}) satisfies z.ZodType<C.PrincipalInput>;

export const ionInstanceSchema = z.strictObject({
  id,
  ionId: id,
  startedAt: isoTime,
  endedAt: isoTime.optional(),
  status: runStatus,
}).refine(endsAfterStart, { message: 'must not be before startedAt', path: ['endedAt'] }) satisfies z.ZodType<C.IonInstanceInput>;

export const runSchema = z.strictObject({
  id,
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
  triggeredById: id.optional(),
  searchGroupId: id.optional(),
  purpose: text.optional(),
  readDatasetVersionIds: ids.optional(),
  usedFeatureIds: ids.optional(),
}).refine(endsAfterStart, { message: 'must not be before startedAt', path: ['endedAt'] }) satisfies z.ZodType<C.RunInput>;

export const stageSchema = z.strictObject({
  id,
  runId: id,
  name,
  type: name,
  stats: json.optional(),
  feedsStageIds: ids.optional(),
}) satisfies z.ZodType<C.StageInput>;

export const datasetSchema = z.strictObject({
  id,
  name,
  uri: text.optional(),
  classification,
  owner: name.optional(),
  description: text.optional(),
  schema: json.optional(),
}) satisfies z.ZodType<C.DatasetInput>;

export const datasetVersionSchema = z.strictObject({
  id,
  datasetId: id,
  version: name,
  digest: name,
  rowCount: z.number().int().nonnegative().optional(),
  createdAt: isoTime.optional(),
  schema: json.optional(),
}) satisfies z.ZodType<C.DatasetVersionInput>;

export const featureSchema = z.strictObject({
  id,
  name,
  dtype: name,
  description: text.optional(),
  classification,
  transform: text.optional(),
  derivedFromDatasetIds: ids,
}) satisfies z.ZodType<C.FeatureInput>;

export const modelSchema = z.strictObject({
  id,
  name,
  description: text.optional(),
}) satisfies z.ZodType<C.ModelInput>;

export const modelVersionSchema = z.strictObject({
  id,
  modelId: id,
  version: name,
  algorithm: name,
  framework: name.optional(),
  format: z.enum(['ONNX', 'PMML', 'SAVED_MODEL', 'OPAQUE']),
  artifactUri: text.optional(),
  digest: name.optional(),
  hyperparameters: json.optional(),
  metrics: json.optional(),
  inputSchema: json.optional(),
  outputSchema: json.optional(),
  status: z.enum(['CANDIDATE', 'APPROVED', 'REJECTED', 'RETIRED']),
  producedByRunId: id.optional(),
  uploadedById: id.optional(),
  createdAt: isoTime.optional(),
  members: z
    .array(z.strictObject({ modelVersionId: id, weight: z.number().finite().min(0).max(1) }))
    .max(LIMITS.listLength)
    .superRefine(noRepeats((member: { modelVersionId: string }) => member.modelVersionId, 'modelVersionId'))
    .optional(),
}) satisfies z.ZodType<C.ModelVersionInput>;

export const approvalSchema = z.strictObject({
  id,
  modelVersionId: id,
  ionId: id,
  principalId: id,
  decision: z.enum(['APPROVED', 'REJECTED']),
  at: isoTime,
  comment: text.optional(),
  policyRunId: id.optional(),
}) satisfies z.ZodType<C.ApprovalInput>;

export const deploymentSchema = z
  .strictObject({
    id,
    modelVersionId: id,
    pipelineNodeId: id,
    role: z.enum(['PRIMARY', 'CONTROL', 'CANARY', 'SHADOW']),
    from: isoTime,
    to: isoTime.optional(),
    approvalId: id.optional(),
  })
  .refine((d) => !d.to || Date.parse(d.to) >= Date.parse(d.from), { message: 'must not be before from', path: ['to'] }) satisfies z.ZodType<C.DeploymentInput>;

export const modelLoadSchema = z.strictObject({
  runId: id,
  modelVersionId: id,
  at: isoTime,
}) satisfies z.ZodType<C.ModelLoadInput>;

export const predictionSchema = z.strictObject({
  id,
  runId: id,
  requestId: id,
  subjectKey: name,
  at: isoTime,
  inputs: json.optional(),
  output: name,
  score: z.number().finite().optional(),
  attributions: z
    .array(z.strictObject({ feature: name, contribution: z.number().finite() }))
    .max(LIMITS.listLength)
    .optional(),
  modelVersionIds: ids,
}) satisfies z.ZodType<C.PredictionInput>;

export const eventSchema = z.strictObject({
  id,
  runId: id,
  type: z.enum(['ERROR', 'WARNING', 'ALERT', 'DRIFT', 'INFO']),
  at: isoTime,
  message: text.min(1, 'must not be empty'),
  details: json.optional(),
}) satisfies z.ZodType<C.EventInput>;

export const ionSchema = z.strictObject({
  id,
  name,
  version: name,
  description: text.optional(),
  // The definition's structure is checked against its documented JSON Schema (ion/definition).
  definition: jsonObject,
});
