import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import {
  findOrNotFound,
  getCaller,
  HydrateClient,
  primeProject,
  primeQuery,
  primeQueryIfFound,
  serverTRPC,
} from '~/trpc/server';
import { RunView } from './run-view';

interface RunPageProps {
  params: Promise<{ teamId: string; projectId: string; runId: string }>;
}

async function loadRun({ params }: RunPageProps) {
  const { teamId, projectId, runId } = await params;
  const caller = await getCaller();
  const run = await findOrNotFound(() => caller.run.byId({ teamId, runId }));
  // A run of another project of the team is reachable only under its own project.
  if (run.projectId !== projectId) notFound();
  primeQuery(serverTRPC.run.byId.queryKey({ teamId, runId }), run);
  return run;
}

export async function generateMetadata(props: RunPageProps): Promise<Metadata> {
  const run = await loadRun(props);
  return { title: run.name || run.id };
}

export default async function RunPage(props: RunPageProps) {
  const run = await loadRun(props);
  const { teamId } = await props.params;
  const experimentInput = { teamId, experimentId: run.experimentId };
  const caller = await getCaller();
  await Promise.all([
    primeProject(teamId, run.projectId),
    primeQueryIfFound(serverTRPC.experiment.byId.queryKey(experimentInput), () =>
      caller.experiment.byId(experimentInput),
    ),
  ]);
  return (
    <HydrateClient>
      <RunView projectId={run.projectId} runId={run.id} />
    </HydrateClient>
  );
}
