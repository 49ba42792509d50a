import type { ReactNode } from 'react';
import { TeamProvider } from '~/components/team-context';
import { findOrNotFound, getCaller } from '~/trpc/server';

interface TeamLayoutProps {
  children: ReactNode;
  params: Promise<{ teamId: string }>;
}

/** Resolves the team once for all its pages; another team's id renders the not-found page. */
export default async function TeamLayout({ children, params }: TeamLayoutProps) {
  const { teamId } = await params;
  const caller = await getCaller();
  const team = await findOrNotFound(() => caller.team.byId({ teamId }));
  return <TeamProvider team={{ id: team.id, name: team.name, role: team.role }}>{children}</TeamProvider>;
}
