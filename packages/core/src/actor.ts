import type { Role } from './roles';

export interface TeamMembership {
  teamId: string;
  role: Role;
}

/** Who is acting. Every service call and audit event names one. */
export type Actor =
  | {
      kind: 'user';
      userId: string;
      email: string;
      isOrgAdmin: boolean;
      memberships: TeamMembership[];
    }
  | { kind: 'apiToken'; tokenId: string; userId: string; label: string; teamId: string; projectId: string }
  | { kind: 'worker'; onBehalfOfUserId: string | null; label: string }
  | { kind: 'system'; label: string }
  | { kind: 'anonymous'; label: string };

/** Where a request came from; stored on every audit event. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
}

export function roleInTeam(actor: Actor, teamId: string): Role | null {
  if (actor.kind !== 'user') return null;
  return actor.memberships.find((m) => m.teamId === teamId)?.role ?? null;
}
