import type { Metadata } from 'next';
import { findOrNotFound, getCaller, HydrateClient, primeQuery, serverTRPC } from '~/trpc/server';
import { DeploymentsView } from './deployments-view';

interface DeploymentsPageProps {
  params: Promise<{ teamId: string; projectId: string }>;
}

export const metadata: Metadata = { title: 'Deployments' };

export default async function DeploymentsPage({ params }: DeploymentsPageProps) {
  const { teamId, projectId } = await params;
  const caller = await getCaller();
  const project = await findOrNotFound(() => caller.project.byId({ teamId, projectId }));
  primeQuery(serverTRPC.project.byId.queryKey({ teamId, projectId }), project);
  return (
    <HydrateClient>
      <DeploymentsView projectId={projectId} />
    </HydrateClient>
  );
}
