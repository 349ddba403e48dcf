import { describe, expect, it } from 'vitest';
import { contentHash } from './engine';
import { toPlainInput } from './plain-input';

/** What type-graphql hands a resolver: class instances, with explicit nulls for omitted optionals. */
class FakeMemberInput {
  modelVersionId = 'm1';
  weight = 0.5;
  note: string | null = null;
}
class FakeVersionInput {
  id = 'v1';
  framework: string | null = null;
  metrics: Record<string, unknown> | null = { auc: 0.9, baseline: null, nested: { gone: null } };
  members: FakeMemberInput[] | null = [new FakeMemberInput()];
  hyperparameters: Record<string, unknown> | null = null;
}

describe('toPlainInput', () => {
  it('turns class instances into plain objects and drops null or undefined optionals', () => {
    const plain = toPlainInput(new FakeVersionInput()) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(plain).toEqual({ id: 'v1', metrics: { auc: 0.9, baseline: null, nested: { gone: null } }, members: [{ modelVersionId: 'm1', weight: 0.5 }] });
    expect(Object.getPrototypeOf((plain.members as object[])[0])).toBe(Object.prototype);
  });

  it('keeps nulls inside free JSON fields: there they are data', () => {
    const plain = toPlainInput({ inputs: { a: null, b: [null, 1] }, schema: { x: null }, name: null }) as Record<string, unknown>;
    expect(plain).toEqual({ inputs: { a: null, b: [null, 1] }, schema: { x: null } });
  });

  it('maps lists item by item and passes scalars through', () => {
    expect(toPlainInput([{ a: 1, b: null }, 'x', 3, null])).toEqual([{ a: 1 }, 'x', 3, null]);
    expect(toPlainInput('text')).toBe('text');
    expect(toPlainInput(null)).toBeNull();
  });

  it('gives a GraphQL-shaped item and the same plain item one content hash', () => {
    const fromGraphql = toPlainInput(new FakeVersionInput());
    const direct = { members: [{ weight: 0.5, modelVersionId: 'm1' }], metrics: { nested: { gone: null }, baseline: null, auc: 0.9 }, id: 'v1' };
    expect(contentHash(fromGraphql)).toBe(contentHash(direct));
  });
});
