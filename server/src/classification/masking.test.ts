import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Role } from '../auth/roles';
import { MASK_PREFIX, Masker, mustMask, seesRestricted } from './masking';
import { RestrictedKind } from './restricted.decorators';
import { RestrictedDataPolicy, WITHHELD } from './restricted.policy';

const masker = new Masker(Buffer.alloc(32, 7));

describe('masking', () => {
  it('is stable for a key and differs between values and keys', () => {
    const a = masker.token('patient-000123');
    expect(a).toBe(masker.token('patient-000123'));
    expect(a.startsWith(MASK_PREFIX)).toBe(true);
    expect(a).not.toContain('000123');
    expect(masker.token('patient-000124')).not.toBe(a);
    expect(new Masker(randomBytes(32)).token('patient-000123')).not.toBe(a);
  });

  it('withholds every input value alike (nothing to count) but keeps feature names, also for stored JSON text', () => {
    const policy = new RestrictedDataPolicy(masker);
    const inputs = { age: 71, sex: 'F', smoker: true };
    const withheld = policy.apply(RestrictedKind.INPUTS, inputs, { predictionId: 'p' }) as Record<string, string>;
    expect(withheld).toEqual({ age: WITHHELD, sex: WITHHELD, smoker: WITHHELD });
    expect(JSON.parse(policy.apply(RestrictedKind.INPUTS, JSON.stringify(inputs), { predictionId: 'p' }) as string)).toEqual(withheld);
    expect(policy.apply(RestrictedKind.INPUTS, null, { predictionId: 'p' })).toBeNull();
  });

  it('re-keys content hashes and treats a prediction node as a whole', () => {
    const policy = new RestrictedDataPolicy(masker);
    const hash = 'a'.repeat(64);
    expect(masker.keyedHash(hash)).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    expect(masker.keyedHash(hash)).toBe(masker.keyedHash(hash));
    const node = policy.node({
      type: 'Prediction',
      label: 'patient-1 → CT_SCAN',
      properties: { subjectKey: 'patient-1', inputs: '{"age":3}', attributions: '[{"feature":"age","contribution":1}]', contentHash: hash, output: 'CT_SCAN' },
    });
    expect(node.label).toBe(`${masker.token('patient-1')} → CT_SCAN`);
    expect(node.properties).toEqual({
      subjectKey: masker.token('patient-1'),
      inputs: `{"age":"${WITHHELD}"}`,
      contentHash: masker.keyedHash(hash),
      output: 'CT_SCAN',
    });
    const run = { type: 'Run', label: 'TRAINING r', properties: { contentHash: hash } };
    expect(policy.node(run)).toBe(run);
  });

  it('masks PII, PHI and unknown levels for roles without clearance only', () => {
    const as = (role: Role) => ({ roles: [role] });
    expect(seesRestricted(as(Role.INVESTIGATOR))).toBe(true);
    expect(seesRestricted(as(Role.AUDITOR))).toBe(true);
    for (const role of [Role.ADMIN, Role.SCIENTIST, Role.INGEST]) {
      expect(mustMask(as(role), 'PHI')).toBe(true);
      expect(mustMask(as(role), 'PII')).toBe(true);
      expect(mustMask(as(role), null)).toBe(true);
      expect(mustMask(as(role), 'CONFIDENTIAL')).toBe(false);
    }
    expect(mustMask(as(Role.INVESTIGATOR), 'PHI')).toBe(false);
    expect(mustMask(undefined, 'PHI')).toBe(true);
  });

  it('refuses a short key', () => {
    expect(() => new Masker(Buffer.alloc(8))).toThrow(/16 bytes/);
  });
});
