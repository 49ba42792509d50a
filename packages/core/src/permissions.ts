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
  // Releases: engineers ask for sign-off, approvers give it, admins set the rules.
  'release:request': 'ENGINEER',
  'release:decide': 'APPROVER',
  'release:policy': 'ADMIN',
} as const satisfies Record<string, Role>;

export type Permission = keyof typeof PERMISSION_MIN_ROLE;

export const PERMISSIONS = Object.keys(PERMISSION_MIN_ROLE) as Permission[];

/** What a member whose role is too weak is told, where a generic refusal would not say enough. */
export const PERMISSION_DENIED_MESSAGE: Partial<Record<Permission, string>> = {
  'release:decide':
    'Only members with the Approver or Admin role can approve or reject releases; ask an approver of this team.',
  'release:policy': 'Only team admins can change the approval policy.',
};

export function roleHasPermission(role: Role, permission: Permission): boolean {
  return isRoleAtLeast(role, PERMISSION_MIN_ROLE[permission]);
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => roleHasPermission(role, p));
}
