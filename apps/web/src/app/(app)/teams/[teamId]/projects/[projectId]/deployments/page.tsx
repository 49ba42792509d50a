import type { Metadata } from 'next';
import { findOrNotFound, getCaller } from '~/trpc/server';
import { DeploymentsView } from './deployments-view';

interface DeploymentsPageProps {
  params: Promise<{ teamId: string; projectId: string }>;
}

export const metadata: Metadata = { title: 'Deployments' };

export default async function DeploymentsPage({ params }: DeploymentsPageProps) {
  const { teamId, projectId } = await params;
  const caller = await getCaller();
  await findOrNotFound(() => caller.project.byId({ teamId, projectId }));
  return <DeploymentsView projectId={projectId} />;
}
