import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { findOrNotFound, getCaller } from '~/trpc/server';
import { DeploymentView } from './deployment-view';

interface DeploymentPageProps {
  params: Promise<{ teamId: string; projectId: string; deploymentId: string }>;
}

async function loadDeployment({ params }: DeploymentPageProps) {
  const { teamId, projectId, deploymentId } = await params;
  const caller = await getCaller();
  const deployment = await findOrNotFound(() => caller.deployment.byId({ teamId, deploymentId }));
  // A deployment of another project of the team is reachable only under its own project.
  if (deployment.projectId !== projectId) notFound();
  return deployment;
}

export async function generateMetadata(props: DeploymentPageProps): Promise<Metadata> {
  const deployment = await loadDeployment(props);
  return {
    title: `${deployment.modelVersion.modelGroup.name} v${deployment.modelVersion.version} in ${deployment.environment.name.toLowerCase()}`,
  };
}

export default async function DeploymentPage(props: DeploymentPageProps) {
  const deployment = await loadDeployment(props);
  return <DeploymentView projectId={deployment.projectId} deploymentId={deployment.id} />;
}
