/** Team roles, weakest first: each role holds every permission of the roles before it. */
export const ROLES = ['VIEWER', 'ENGINEER', 'APPROVER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function isRoleAtLeast(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}
