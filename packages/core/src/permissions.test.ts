import { describe, expect, it } from 'vitest';
import { PERMISSIONS, permissionsOf, roleHasPermission } from './permissions';
import { isRoleAtLeast, ROLES } from './roles';

describe('the role -> permission table', () => {
  it('gives each role every permission of the roles below it', () => {
    for (const [i, role] of ROLES.entries()) {
      for (const weaker of ROLES.slice(0, i)) {
        expect(permissionsOf(role)).toEqual(expect.arrayContaining(permissionsOf(weaker)));
      }
    }
  });

  it('lets viewers read but never change anything', () => {
    expect(permissionsOf('VIEWER').sort()).toEqual([
      'member:read',
      'project:read',
      'team:read',
      'tracking:read',
    ]);
  });

  it('keeps tokens from viewers and administration to admins', () => {
    expect(roleHasPermission('VIEWER', 'token:read')).toBe(false);
    expect(roleHasPermission('VIEWER', 'tracking:write')).toBe(false);
    expect(roleHasPermission('ENGINEER', 'tracking:write')).toBe(true);
    expect(roleHasPermission('ENGINEER', 'token:write')).toBe(true);
    for (const permission of ['member:manage', 'audit:read', 'project:archive', 'team:settings'] as const) {
      expect(roleHasPermission('APPROVER', permission)).toBe(false);
      expect(roleHasPermission('ADMIN', permission)).toBe(true);
    }
  });

  it('grants admins everything', () => {
    expect(permissionsOf('ADMIN').sort()).toEqual([...PERMISSIONS].sort());
  });

  it('orders roles weakest first', () => {
    expect(isRoleAtLeast('APPROVER', 'ENGINEER')).toBe(true);
    expect(isRoleAtLeast('ENGINEER', 'APPROVER')).toBe(false);
  });
});
