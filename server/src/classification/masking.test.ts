import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Role } from '../auth/roles';
import { MASK_PREFIX, Masker, mustMask, seesRestricted } from './masking';

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

  it('masks input values but keeps feature names, also for stored JSON text', () => {
    const inputs = { age: 71, nodule_size_mm: 8.5, smoker: true };
    const masked = masker.inputs(inputs) as Record<string, string>;
    expect(Object.keys(masked)).toEqual(Object.keys(inputs));
    expect(Object.values(masked).every((v) => v.startsWith(MASK_PREFIX))).toBe(true);
    expect(JSON.parse(masker.inputsText(JSON.stringify(inputs)) as string)).toEqual(masked);
    expect(masker.inputs(null)).toBeNull();
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
