/** Where to land in another team: the same section, never another team's project. */
export function switchTeamPath(pathname: string, nextTeamId: string): string {
  const match = /^\/teams\/[^/]+\/(members|projects|settings)(\/|$)/.exec(pathname);
  return match ? `/teams/${nextTeamId}/${match[1]}` : `/teams/${nextTeamId}`;
}
