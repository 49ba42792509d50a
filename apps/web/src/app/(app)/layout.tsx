import type { ReactNode } from 'react';
import { AppFrame } from '~/components/shell/app-frame';
import { env } from '~/env';
import { requireSessionUser } from '~/server/session';
import { getCaller } from '~/trpc/server';

// Every page here depends on who is signed in, re-checked against the database per request.
export const dynamic = 'force-dynamic';

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const session = await requireSessionUser();
  const teams = await (await getCaller()).team.list();
  const viewer = {
    id: session.user.id,
    email: session.user.email,
    name: session.user.name,
    isOrgAdmin: session.user.isOrgAdmin,
    teams: session.teams.map((team) => ({ id: team.id, role: team.role })),
  };
  return (
    <AppFrame
      viewer={viewer}
      teams={teams.map((team) => ({ id: team.id, name: team.name, role: team.role }))}
      isDemo={env.isDemo}
    >
      {children}
    </AppFrame>
  );
}
