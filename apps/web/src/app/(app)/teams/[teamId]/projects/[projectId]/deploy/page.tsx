import type { Metadata } from 'next';
import { findOrNotFound, getCaller } from '~/trpc/server';
import { DeployWizardView } from './deploy-wizard-view';

interface DeployPageProps {
  params: Promise<{ teamId: string; projectId: string }>;
  searchParams: Promise<{ version?: string | string[] }>;
}

export const metadata: Metadata = { title: 'Deploy' };

/** The deploy wizard; `?version=<modelVersionId>` preselects the version. */
export default async function DeployPage({ params, searchParams }: DeployPageProps) {
  const { teamId, projectId } = await params;
  const { version } = await searchParams;
  const caller = await getCaller();
  await findOrNotFound(() => caller.project.byId({ teamId, projectId }));
  return (
    <DeployWizardView projectId={projectId} initialVersionId={typeof version === 'string' ? version : null} />
  );
}
