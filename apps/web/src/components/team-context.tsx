'use client';

import type { Role } from '@cairn/core/roles';
import { createContext, type ReactNode, useContext } from 'react';

export interface CurrentTeam {
  id: string;
  name: string;
  /** The role the server applies here (org admins act as admins). */
  role: Role;
}

const TeamContext = createContext<CurrentTeam | null>(null);

export function TeamProvider({ team, children }: { team: CurrentTeam; children: ReactNode }) {
  return <TeamContext.Provider value={team}>{children}</TeamContext.Provider>;
}

export function useCurrentTeam(): CurrentTeam {
  const team = useContext(TeamContext);
  if (!team) throw new Error('useCurrentTeam must be used inside a team page');
  return team;
}
