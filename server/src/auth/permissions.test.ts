import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config';
import { may, Permission, PERMISSIONS } from './permissions';
import { ALL_ROLES, Role } from './roles';

/** The "Who may do what" table of the README: permission → roles ticked. */
function readmeTable(): Map<string, Role[]> {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Who may do what'));
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const header = lines[0]!.split('|').map((cell) => cell.trim());
  const table = new Map<string, Role[]>();
  for (const line of lines.slice(2)) {
    const cells = line.split('|').map((cell) => cell.trim());
    const permission = /^`([A-Z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!permission) break;
    table.set(
      permission,
      header.flatMap((name, i) => (ALL_ROLES.includes(name as Role) && cells[i] === '✓' ? [name as Role] : [])),
    );
  }
  return table;
}

describe('permission table', () => {
  it('the README table says exactly what PERMISSIONS says', () => {
    const table = readmeTable();
    expect([...table.keys()].sort()).toEqual(Object.values(Permission).sort());
    for (const permission of Object.values(Permission)) {
      expect(table.get(permission)?.slice().sort(), permission).toEqual([...PERMISSIONS[permission]].sort());
    }
  });

  it('may() grants a permission to any role that holds it, and nothing to no one', () => {
    expect(may({ roles: [Role.INGEST] }, Permission.INGEST)).toBe(true);
    expect(may({ roles: [Role.INGEST] }, Permission.EXPLAIN_PREDICTIONS)).toBe(false);
    expect(may({ roles: [Role.SCIENTIST, Role.AUDITOR] }, Permission.AUDIT)).toBe(true);
    expect(may({ roles: [] }, Permission.READ_LINEAGE)).toBe(false);
    expect(may(undefined, Permission.READ_LINEAGE)).toBe(false);
    // ADMIN manages everything but sees restricted data masked, as the role says.
    for (const permission of Object.values(Permission)) expect(may({ roles: [Role.ADMIN] }, permission)).toBe(permission !== Permission.SEE_RESTRICTED_DATA);
  });
});
