import { isRoleAtLeast, type Role } from './roles';

/**
 * The one role -> permission table. The server authorizes with it and the UI hides what a
 * member cannot do with it. Each permission names the weakest team role that holds it.
 */
export const PERMISSION_MIN_ROLE = {
  'team:read': 'VIEWER',
  'project:read': 'VIEWER',
  'project:write': 'ENGINEER',
  'project:archive': 'ADMIN',
  'tracking:read': 'VIEWER',
  'tracking:write': 'ENGINEER',
  'token:read': 'ENGINEER',
  'token:write': 'ENGINEER',
  'member:read': 'VIEWER',
  'member:manage': 'ADMIN',
  'team:settings': 'ADMIN',
  'audit:read': 'ADMIN',
  'ops:read': 'ADMIN',
  'ops:write': 'ADMIN',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSION_MIN_ROLE;

export const PERMISSIONS = Object.keys(PERMISSION_MIN_ROLE) as Permission[];

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return isRoleAtLeast(role, PERMISSION_MIN_ROLE[permission]);
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => roleHasPermission(role, p));
}
