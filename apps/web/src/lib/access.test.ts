import { describe, expect, it } from 'vitest';
import { can, canDecideSomewhere, canReadSomeAudit, roleInTeam } from './access';

const engineer = { isOrgAdmin: false, teams: [{ id: 't1', role: 'ENGINEER' as const }] };
const orgAdmin = { isOrgAdmin: true, teams: [] };

describe('access', () => {
  it('uses the membership role in a team and nothing elsewhere', () => {
    expect(roleInTeam(engineer, 't1')).toBe('ENGINEER');
    expect(roleInTeam(engineer, 't2')).toBeNull();
    expect(can(engineer, 't2', 'project:read')).toBe(false);
  });

  it('follows the shared permission table', () => {
    expect(can(engineer, 't1', 'project:write')).toBe(true);
    expect(can(engineer, 't1', 'member:manage')).toBe(false);
    expect(can(engineer, 't1', 'project:archive')).toBe(false);
  });

  it('treats org admins as admins of every team', () => {
    expect(can(orgAdmin, 'any', 'member:manage')).toBe(true);
    expect(canReadSomeAudit(orgAdmin)).toBe(true);
  });

  it('shows the audit trail to team admins only', () => {
    expect(canReadSomeAudit(engineer)).toBe(false);
    expect(canReadSomeAudit({ isOrgAdmin: false, teams: [{ id: 't1', role: 'ADMIN' }] })).toBe(true);
  });

  it('opens the approver’s desk to approvers and admins, not engineers', () => {
    expect(canDecideSomewhere(engineer)).toBe(false);
    expect(canDecideSomewhere({ isOrgAdmin: false, teams: [{ id: 't1', role: 'APPROVER' }] })).toBe(true);
    expect(canDecideSomewhere(orgAdmin)).toBe(true);
  });
});
