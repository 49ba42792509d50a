import { type Permission, roleHasPermission } from '@cairn/core/permissions';
import { ROLES, type Role } from '@cairn/core/roles';

export interface Viewer {
  isOrgAdmin: boolean;
  teams: ReadonlyArray<{ id: string; role: Role }>;
}

/** The role the server will apply in a team: org admins act as admins everywhere. */
export function roleInTeam(viewer: Viewer, teamId: string): Role | null {
  if (viewer.isOrgAdmin) return 'ADMIN';
  return viewer.teams.find((team) => team.id === teamId)?.role ?? null;
}

/** Whether to show a control; the server checks again, this only hides what would be refused. */
export function can(viewer: Viewer, teamId: string, permission: Permission): boolean {
  const role = roleInTeam(viewer, teamId);
  return role !== null && roleHasPermission(role, permission);
}

/** Admin pages: org admins, and admins of at least one team (for their own teams' audit trail). */
export function canReadSomeAudit(viewer: Viewer): boolean {
  return viewer.isOrgAdmin || viewer.teams.some((team) => roleHasPermission(team.role, 'audit:read'));
}

/** The approver's desk: org admins, and approvers or admins of at least one team. */
export function canDecideSomewhere(viewer: Viewer): boolean {
  return viewer.isOrgAdmin || viewer.teams.some((team) => roleHasPermission(team.role, 'release:decide'));
}

export const ROLE_LABEL: Record<Role, string> = {
  VIEWER: 'Viewer',
  ENGINEER: 'Engineer',
  APPROVER: 'Approver',
  ADMIN: 'Admin',
};

/** The roles as choices for a select, least to most privileged. */
export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABEL[role] }));

export const ROLE_COLOR: Record<Role, string> = {
  VIEWER: 'gray',
  ENGINEER: 'blue',
  APPROVER: 'grape',
  ADMIN: 'teal',
};
