import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadRegistry } from '../../graph';
import { BUNDLE_ORDER, type IngestBundle, type IonDefinition } from '@ion-lineage/contract';
import { isDateTimeSchema } from '@ion-lineage/contract/schemas';
import { SPECS } from './index';

/**
 * Ties each entity's three write-side shapes together: its zod schema (the one definition),
 * its `toRow`, and the row its Cypher declares (`// @param rows: list<{...}>`). Every schema
 * field must be read by `toRow` (or be listed below as deliberately not stored), every row key
 * must be declared by one of the entity's write queries and every declared key must be sent and
 * used; optional fields arrive as explicit nulls so every row has the same keys.
 */

type AnyZod = z.core.$ZodType;
type Part = keyof IngestBundle;

/** Schema fields a `toRow` deliberately does not store, with why. None today. */
const NOT_STORED: Partial<Record<Part, Record<string, string>>> = {};

/** The ION definition is a JSON object to zod; its structure is its JSON Schema's. */
const DEFINITION: IonDefinition = {
  nodes: [{ id: 'node-1', name: 'train', role: 'TRAINING', engine: 'spark', codeRepo: 'git://repo' }],
  edges: [{ from: 'node-1', to: 'node-1', message: 'MODEL' }],
  policy: { metric: 'auc', minimum: 0.5, requiresApproval: true },
};

/** A valid value for a zod type, named after its field; with `full`, optional fields too. */
function sample(schema: AnyZod, key: string, full: boolean): unknown {
  const def = schema._zod.def;
  switch (def.type) {
    case 'optional':
      return sample((schema as z.ZodOptional<AnyZod>).unwrap(), key, full);
    case 'string':
      return isDateTimeSchema(schema) ? '2026-03-01T10:00:00Z' : `v-${key}`;
    case 'number':
      return (schema as z.ZodNumber).isInt ? 1 : 0.5;
    case 'boolean':
      return true;
    case 'enum':
      return (schema as z.ZodEnum).options[0];
    case 'record':
      return key === 'definition' ? DEFINITION : { note: key };
    case 'array':
      return [sample((schema as z.ZodArray<AnyZod>).element, key, full)];
    case 'object':
      return Object.fromEntries(
        Object.entries((schema as z.ZodObject).shape as Record<string, AnyZod>)
          .filter(([, field]) => full || field._zod.def.type !== 'optional')
          .map(([name, field]) => [name, sample(field, name, full)]),
      );
    default:
      throw new Error(`no sample for zod type '${def.type}' (${key})`);
  }
}

/** The row keys a query header declares: `// @param rows: list<{id, name, hash}>`. */
function declaredRowKeys(header: string): string[] {
  const match = /@param rows: list<\{([^}]*)\}>/.exec(header);
  if (!match) throw new Error('no `@param rows: list<{...}>` header');
  return match[1]!.split(',').map((key) => key.trim());
}

const registry = loadRegistry();

describe.each(BUNDLE_ORDER)('%s: schema, toRow and Cypher row agree', (part) => {
  const spec = SPECS[part] as unknown as { schema: z.ZodObject; toRow(item: unknown, hash: string): Record<string, unknown>; writeQueries: string[] };
  const parse = (full: boolean) => {
    const parsed = spec.schema.safeParse(sample(spec.schema, part, full));
    if (!parsed.success) throw new Error(`${part} sample is invalid: ${parsed.error.message}`);
    return parsed.data as Record<string, unknown>;
  };

  it('toRow reads every schema field but those deliberately not stored', () => {
    const read = new Set<string>();
    const item = parse(true);
    spec.toRow(new Proxy(item, { get: (target, key) => (read.add(String(key)), Reflect.get(target, key)) }), 'hash');
    const notStored = NOT_STORED[part] ?? {};
    const unread = Object.keys(spec.schema.shape).filter((field) => !read.has(field) && !(field in notStored));
    expect(unread, `fields of ${part} that toRow drops silently`).toEqual([]);
    expect(
      Object.keys(notStored).filter((field) => read.has(field)),
      'listed as not stored but read',
    ).toEqual([]);
  });

  it('the row keys are those the write queries declare, and each declared key is used', () => {
    const keys = Object.keys(spec.toRow(parse(true), 'hash')).sort();
    const declared = new Set<string>();
    for (const name of spec.writeQueries) {
      const query = registry.get(name);
      for (const key of declaredRowKeys(query.source)) {
        declared.add(key);
        expect(query.text, `${name} declares row.${key}`).toMatch(new RegExp(`\\brow\\.${key}\\b`));
      }
    }
    expect(keys).toEqual([...declared].sort());
  });

  it('a minimal item gives the same keys, with nulls for absent optionals', () => {
    const full = spec.toRow(parse(true), 'hash');
    const minimal = spec.toRow(parse(false), 'hash');
    expect(Object.keys(minimal).sort()).toEqual(Object.keys(full).sort());
    expect(
      Object.entries(minimal)
        .filter(([, value]) => value === undefined)
        .map(([key]) => key),
    ).toEqual([]);
  });
});
