/**
 * Malformed ingestion input for the GraphQL mutations. Each generated item is a valid item of
 * one part (predictions, events or runs, referring to a stored chain) with exactly one defect,
 * plus harmless noise (injection strings, odd Unicode) in its free-text fields. Every defect
 * records the field it breaks and the stage that must catch it, so a test can check that every
 * item of a batch is named in the rejection.
 */
import fc from 'fast-check';
import type { ChainIds } from '../support/fixtures';
import { INJECTIONS, invalidDateTime, invalidId, longString, nastyText, nested } from './strings';

/**
 * Where a defect is caught: 1 GraphQL coercion of the variables, 2 the field schema (zod),
 * 3 the reference check against the graph, 4 the conflict check (ids are immutable).
 * A request fails at the first stage any of its items fails.
 */
export type Stage = 1 | 2 | 3 | 4;

export type Part = 'predictions' | 'events' | 'runs';

export interface Malformed {
  part: Part;
  item: Record<string, unknown>;
  /** The field the defect is in (a missing or unknown field's own name). */
  field: string;
  stage: Stage;
  /** What was done, for failure messages. */
  defect: string;
}

type Kind = 'id' | 'ref' | 'refs' | 'name' | 'text' | 'date' | 'enum' | 'json' | 'float' | 'attrs';

interface FieldSpec {
  kind: Kind;
  required: boolean;
  values?: readonly string[];
}

interface PartSpec {
  fields: Record<string, FieldSpec>;
  /** Free-text fields that take any non-empty string. */
  noise: string[];
  base(chain: ChainIds, uid: string): Record<string, unknown>;
  /** A stored item of this part, for conflicts. */
  storedId(chain: ChainIds): string;
}

const at = (seconds: number) => new Date(Date.UTC(2026, 2, 4, 10) + seconds * 1000).toISOString();

export const PARTS: Record<Part, PartSpec> = {
  predictions: {
    fields: {
      id: { kind: 'id', required: true },
      runId: { kind: 'ref', required: true },
      requestId: { kind: 'id', required: true },
      subjectKey: { kind: 'name', required: true },
      at: { kind: 'date', required: true },
      inputs: { kind: 'json', required: false },
      output: { kind: 'name', required: true },
      score: { kind: 'float', required: false },
      attributions: { kind: 'attrs', required: false },
      modelVersionIds: { kind: 'refs', required: true },
    },
    noise: ['subjectKey', 'output'],
    base: (chain, uid) => ({
      id: `fuzz.prediction.${uid}`,
      runId: chain.runs.inference,
      requestId: `fuzz.request.${uid}`,
      subjectKey: `patient-${uid.slice(0, 6)}`,
      at: at(1),
      inputs: { age: 42, bmi: 27.5 },
      output: 'CT_SCAN',
      score: 0.8,
      attributions: [{ feature: 'age', contribution: 0.3 }],
      modelVersionIds: [chain.modelVersions.ensemble],
    }),
    storedId: (chain) => chain.predictions.primary,
  },
  events: {
    fields: {
      id: { kind: 'id', required: true },
      runId: { kind: 'ref', required: true },
      type: { kind: 'enum', required: true, values: ['ERROR', 'WARNING', 'ALERT', 'DRIFT', 'INFO'] },
      at: { kind: 'date', required: true },
      message: { kind: 'text', required: true },
      details: { kind: 'json', required: false },
    },
    noise: ['message'],
    base: (chain, uid) => ({
      id: `fuzz.event.${uid}`,
      runId: chain.runs.inference,
      type: 'WARNING',
      at: at(2),
      message: 'latency above budget',
      details: { p99: 812 },
    }),
    storedId: (chain) => chain.events.drift,
  },
  runs: {
    fields: {
      id: { kind: 'id', required: true },
      pipelineNodeId: { kind: 'ref', required: true },
      instanceId: { kind: 'ref', required: false },
      kind: { kind: 'enum', required: true, values: ['TRAINING', 'INFERENCE', 'CONTROL', 'POLICY', 'ETL', 'MONITOR'] },
      startedAt: { kind: 'date', required: true },
      endedAt: { kind: 'date', required: false },
      status: { kind: 'enum', required: true, values: ['RUNNING', 'COMPLETED', 'FAILED', 'ABORTED'] },
      params: { kind: 'json', required: false },
      codeVersion: { kind: 'name', required: false },
      host: { kind: 'name', required: false },
      triggeredById: { kind: 'ref', required: false },
      purpose: { kind: 'text', required: false },
      readDatasetVersionIds: { kind: 'refs', required: false },
    },
    noise: ['codeVersion', 'host', 'purpose'],
    base: (chain, uid) => ({
      id: `fuzz.run.${uid}`,
      pipelineNodeId: chain.nodes.inference,
      instanceId: chain.instance,
      kind: 'INFERENCE',
      startedAt: at(0),
      endedAt: at(60),
      status: 'COMPLETED',
      params: { batchSize: 64 },
      codeVersion: 'git:abc123',
      host: 'worker-1',
      triggeredById: chain.scheduler,
      purpose: 'nightly scoring',
      readDatasetVersionIds: [chain.datasetVersions.ehr],
    }),
    storedId: (chain) => chain.runs.training,
  },
};

interface Defect {
  field: string;
  stage: Stage;
  defect: string;
  apply(item: Record<string, unknown>): void;
}

const set = (field: string, value: unknown) => (item: Record<string, unknown>) => {
  item[field] = value;
};

/** Values of the wrong JSON type for a field of `kind` (none of which GraphQL coerces). */
function wrongType(kind: Kind): fc.Arbitrary<unknown> {
  const notString = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant({}), fc.constant({ id: 'x' }));
  switch (kind) {
    case 'float':
      return fc.oneof(fc.constantFrom('0.5', 'NaN', 'Infinity', ''), fc.boolean(), fc.constant({}), fc.constant([0.5]));
    case 'json':
      return fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant([1, 2]), fc.constant([{ a: 1 }]));
    case 'attrs':
      return fc.oneof(
        fc.integer(),
        fc.constant('age'),
        fc.constant([{ feature: 'age' }]),
        fc.constant([{ feature: 'age', contribution: 'high' }]),
        fc.constant([{ feature: 1, contribution: 0.1 }]),
      );
    case 'refs':
      // A lone string would be coerced into a list of one; objects and numbers never are.
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([1]), fc.constant([['nested']]));
    default:
      return notString;
  }
}

/** Defects GraphQL itself must catch while coercing the variables. */
function coercionDefects(spec: PartSpec): fc.Arbitrary<Defect> {
  const names = Object.keys(spec.fields);
  const required = names.filter((name) => spec.fields[name]!.required);
  const enums = names.filter((name) => spec.fields[name]!.kind === 'enum');
  const dates = names.filter((name) => spec.fields[name]!.kind === 'date');
  const options: Array<fc.Arbitrary<Defect>> = [
    fc
      .constantFrom(...required)
      .map((field) => ({ field, stage: 1 as const, defect: 'missing', apply: (item: Record<string, unknown>) => void delete item[field] })),
    fc.constantFrom(...required).map((field) => ({ field, stage: 1 as const, defect: 'null', apply: set(field, null) })),
    fc.constantFrom(...names).chain((field) =>
      wrongType(spec.fields[field]!.kind).map((value) => ({
        field,
        stage: 1 as const,
        defect: `wrong type ${JSON.stringify(value)}`,
        apply: set(field, value),
      })),
    ),
    fc.constantFrom('evil', 'constructor', '__proto__', 'ID', 'id ', '$where', 'n.id', '`x`', 'run_id').map((field) => ({
      field,
      stage: 1 as const,
      defect: 'unknown field',
      apply: (item: Record<string, unknown>) => void Object.defineProperty(item, field, { value: 'x', enumerable: true, configurable: true, writable: true }),
    })),
    fc
      .tuple(fc.constantFrom(...dates), invalidDateTime)
      .map(([field, value]) => ({ field, stage: 1 as const, defect: `bad date ${JSON.stringify(value)}`, apply: set(field, value) })),
  ];
  if (enums.length) {
    const badEnum = fc.oneof(
      fc.constantFrom('', 'error', 'Error', 'UNKNOWN', 'ERROR ', 'ÉRROR', ...INJECTIONS),
      fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !/^[A-Z]+$/.test(s)),
    );
    options.push(
      fc
        .tuple(fc.constantFrom(...enums), badEnum)
        .map(([field, value]) => ({ field, stage: 1 as const, defect: `bad enum ${JSON.stringify(value)}`, apply: set(field, value) })),
    );
  }
  return fc.oneof(...options);
}

/** Defects of well-typed values that the field schema must catch (sizes, grammar, nesting). */
function schemaDefects(spec: PartSpec): fc.Arbitrary<Defect> {
  const of = (kind: Kind) => Object.keys(spec.fields).filter((name) => spec.fields[name]!.kind === kind);
  const options: Array<fc.Arbitrary<Defect>> = [];
  const idFields = [...of('id'), ...of('ref')];
  options.push(
    fc
      .tuple(fc.constantFrom(...idFields), invalidId)
      .map(([field, value]) => ({ field, stage: 2 as const, defect: `bad id ${JSON.stringify(value.slice(0, 40))}`, apply: set(field, value) })),
  );
  const refs = of('refs');
  if (refs.length) {
    options.push(
      fc
        .tuple(fc.constantFrom(...refs), invalidId)
        .map(([field, value]) => ({ field, stage: 2 as const, defect: 'bad id in list', apply: set(field, [value]) })),
    );
    options.push(
      fc.constantFrom(...refs).map((field) => ({
        field,
        stage: 2 as const,
        defect: 'repeated id',
        apply: (item: Record<string, unknown>) => void (item[field] = [...(item[field] as string[]), ...(item[field] as string[])]),
      })),
    );
    options.push(
      fc.tuple(fc.constantFrom(...refs), fc.integer({ min: 1_001, max: 3_000 })).map(([field, n]) => ({
        field,
        stage: 2 as const,
        defect: `${n} ids`,
        apply: set(
          field,
          Array.from({ length: n }, (_, i) => `fuzz.many.${i}`),
        ),
      })),
    );
  }
  const names = of('name');
  if (names.length) {
    options.push(
      fc
        .tuple(fc.constantFrom(...names), fc.oneof(fc.constant(''), longString(513, 300_000)))
        .map(([field, value]) => ({ field, stage: 2 as const, defect: `name of ${value.length}`, apply: set(field, value) })),
    );
  }
  const texts = of('text');
  if (texts.length) {
    options.push(
      fc
        .tuple(fc.constantFrom(...texts), longString(16_385, 400_000))
        .map(([field, value]) => ({ field, stage: 2 as const, defect: `text of ${value.length}`, apply: set(field, value) })),
    );
  }
  const jsons = of('json');
  if (jsons.length) {
    options.push(
      fc
        .tuple(fc.constantFrom(...jsons), fc.integer({ min: 65, max: 100_000 }), fc.boolean())
        .map(([field, depth, arrays]) => ({ field, stage: 2 as const, defect: `nested ${depth}`, apply: set(field, nested(depth, arrays)) })),
    );
    options.push(
      fc
        .tuple(fc.constantFrom(...jsons), longString(262_200, 600_000))
        .map(([field, value]) => ({ field, stage: 2 as const, defect: 'json too big', apply: set(field, { blob: value }) })),
    );
  }
  if (of('attrs').length) {
    options.push(
      fc.constant({ field: 'attributions', stage: 2 as const, defect: 'empty feature', apply: set('attributions', [{ feature: '', contribution: 0.1 }]) }),
    );
  }
  if ('endedAt' in spec.fields) {
    options.push(
      fc.integer({ min: 1, max: 10_000_000 }).map((seconds) => ({
        field: 'endedAt',
        stage: 2 as const,
        defect: 'ends before it starts',
        apply: (item: Record<string, unknown>) => void (item.endedAt = new Date(Date.parse(String(item.startedAt)) - seconds * 1000).toISOString()),
      })),
    );
  }
  return fc.oneof(...options);
}

/** Well-formed ids that name nothing in the graph (some shaped like injections, within the id grammar). */
const danglingId = fc.oneof(
  fc.uuid().map((uuid) => `fuzz.missing.${uuid}`),
  fc.constantFrom('fuzz.missing:MATCH/n/DETACH-DELETE', 'fuzz.missing@admin', 'fuzz.missing/../../etc/passwd', 'fuzz.missing=1=1'),
);

/** References to nodes that do not exist. */
function referenceDefects(spec: PartSpec): fc.Arbitrary<Defect> {
  const names = Object.keys(spec.fields);
  const refs = names.filter((name) => spec.fields[name]!.kind === 'ref');
  const lists = names.filter((name) => spec.fields[name]!.kind === 'refs');
  const options: Array<fc.Arbitrary<Defect>> = [
    fc.tuple(fc.constantFrom(...refs), danglingId).map(([field, id]) => ({ field, stage: 3 as const, defect: `dangling ${id}`, apply: set(field, id) })),
  ];
  if (lists.length) {
    options.push(
      fc.tuple(fc.constantFrom(...lists), danglingId).map(([field, id]) => ({
        field,
        stage: 3 as const,
        defect: `dangling ${id} in list`,
        apply: (item: Record<string, unknown>) => void (item[field] = [...((item[field] as string[]) ?? []), id]),
      })),
    );
  }
  return fc.oneof(...options);
}

/** Noise in free-text fields: valid values, so it never hides or adds a defect. */
function withNoise(spec: PartSpec, chain: ChainIds): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(fc.uuid(), fc.subarray(spec.noise), fc.array(nastyText, { minLength: spec.noise.length, maxLength: spec.noise.length }))
    .map(([uid, fields, texts]) => {
      const item = spec.base(chain, uid);
      fields.forEach((field, i) => (item[field] = texts[i]));
      return item;
    });
}

/** One malformed item of `part` whose defect is caught at `stage`. */
export function malformedItem(part: Part, chain: ChainIds, stage: Exclude<Stage, 4>): fc.Arbitrary<Malformed> {
  const spec = PARTS[part];
  const defects = stage === 1 ? coercionDefects(spec) : stage === 2 ? schemaDefects(spec) : referenceDefects(spec);
  return fc.tuple(withNoise(spec, chain), defects).map(([base, defect]) => {
    // fast-check reuses generated values while shrinking: never mutate them.
    const item = { ...base };
    defect.apply(item);
    return described({ part, item, field: defect.field, stage: defect.stage, defect: defect.defect });
  });
}

/**
 * A batch whose items all fail at one stage, so the rejection must name every one of them.
 * Conflicts (stage 4) are one per batch: the same id twice with different content, or a stored
 * id with new content, among otherwise valid items.
 */
export function malformedBatch(part: Part, chain: ChainIds): fc.Arbitrary<Malformed[]> {
  const spec = PARTS[part];
  const conflict = fc.tuple(withNoise(spec, chain), withNoise(spec, chain), fc.boolean(), fc.nat(3)).map(([a, original, stored, position]) => {
    const batch: Malformed[] = [];
    const b = { ...original };
    const clash = stored ? spec.storedId(chain) : String(a.id);
    if (!stored) batch.push(described({ part, item: a, field: 'id', stage: 4, defect: 'first of a duplicate' }));
    b.id = clash;
    // Different content under the same id: the noise may have made them equal by chance.
    b[spec.noise[0]!] = `${String(b[spec.noise[0]!])} (changed)`;
    batch.splice(
      Math.min(position, batch.length),
      0,
      described({ part, item: b, field: 'id', stage: 4, defect: stored ? 'stored id, new content' : 'same id, other content' }),
    );
    return batch;
  });
  const items = (stage: Exclude<Stage, 4>) => fc.array(malformedItem(part, chain, stage), { minLength: 1, maxLength: 8 }).map(withUniqueIds);
  return fc.oneof(
    { weight: 4, arbitrary: items(1) },
    { weight: 4, arbitrary: items(2) },
    { weight: 3, arbitrary: items(3) },
    { weight: 1, arbitrary: conflict },
  );
}

/**
 * Gives the items of one part distinct ids (shrinking makes uuids equal, which would turn every
 * defect into a duplicate-id conflict). An id that is itself the defect stays invalid.
 */
export function withUniqueIds(items: Malformed[]): Malformed[] {
  const seen = new Map<string, number>();
  return items.map((m) => {
    const key = `${m.part}|${String(m.item.id)}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    if (n === 0 || m.field === 'id' || typeof m.item.id !== 'string') return m;
    return described({ ...m, item: { ...m.item, id: `${m.item.id}.${n}` } });
  });
}

/** Counterexamples print as their defects, not as megabytes of generated input. */
function described(m: Malformed): Malformed {
  return Object.defineProperty(m, fc.toStringMethod, {
    value: () => `${m.part}.${m.field} (stage ${m.stage}): ${m.defect.slice(0, 100)}`,
    enumerable: false,
  });
}
