import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import {
  findOrNotFound,
  getCaller,
  HydrateClient,
  primeProject,
  primeQuery,
  serverTRPC,
} from '~/trpc/server';
import { ExperimentView } from './experiment-view';

interface ExperimentPageProps {
  params: Promise<{ teamId: string; projectId: string; experimentId: string }>;
}

async function loadExperiment({ params }: ExperimentPageProps) {
  const { teamId, projectId, experimentId } = await params;
  const caller = await getCaller();
  const experiment = await findOrNotFound(() => caller.experiment.byId({ teamId, experimentId }));
  // An experiment of another project of the team is reachable only under its own project.
  if (experiment.projectId !== projectId) notFound();
  primeQuery(serverTRPC.experiment.byId.queryKey({ teamId, experimentId }), experiment);
  return experiment;
}

export async function generateMetadata(props: ExperimentPageProps): Promise<Metadata> {
  const experiment = await loadExperiment(props);
  return { title: experiment.name };
}

export default async function ExperimentPage(props: ExperimentPageProps) {
  const experiment = await loadExperiment(props);
  const { teamId } = await props.params;
  await primeProject(teamId, experiment.projectId);
  return (
    <HydrateClient>
      <ExperimentView projectId={experiment.projectId} experimentId={experiment.id} />
    </HydrateClient>
  );
}
