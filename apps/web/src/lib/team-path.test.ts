import { describe, expect, it } from 'vitest';
import { switchTeamPath } from './team-path';

describe('switchTeamPath', () => {
  it('keeps the section when switching teams', () => {
    expect(switchTeamPath('/teams/a/members', 'b')).toBe('/teams/b/members');
    expect(switchTeamPath('/teams/a/projects', 'b')).toBe('/teams/b/projects');
  });

  it("goes to the project list instead of another team's project", () => {
    expect(switchTeamPath('/teams/a/projects/p1', 'b')).toBe('/teams/b/projects');
  });

  it('goes to the team overview from anywhere else', () => {
    expect(switchTeamPath('/', 'b')).toBe('/teams/b');
    expect(switchTeamPath('/admin/audit', 'b')).toBe('/teams/b');
  });
});
