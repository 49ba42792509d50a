import type { Metadata } from 'next';
import {
  findOrNotFound,
  getCaller,
  HydrateClient,
  primeQuery,
  primeQueryIfFound,
  serverTRPC,
} from '~/trpc/server';
import { ProjectView } from './project-view';

interface ProjectPageProps {
  params: Promise<{ teamId: string; projectId: string }>;
}

export async function generateMetadata({ params }: ProjectPageProps): Promise<Metadata> {
  const { teamId, projectId } = await params;
  const caller = await getCaller();
  const project = await findOrNotFound(() => caller.project.byId({ teamId, projectId }));
  return { title: project.name };
}

/** Another team's project, or a malformed id, renders the same not-found page as a missing one. */
export default async function ProjectPage({ params }: ProjectPageProps) {
  const { teamId, projectId } = await params;
  const caller = await getCaller();
  const project = await findOrNotFound(() => caller.project.byId({ teamId, projectId }));
  primeQuery(serverTRPC.project.byId.queryKey({ teamId, projectId }), project);
  // The registered models are the page's largest content: in the first HTML, not after a fetch.
  await primeQueryIfFound(serverTRPC.modelGroup.list.queryKey({ teamId, projectId }), () =>
    caller.modelGroup.list({ teamId, projectId }),
  );
  return (
    <HydrateClient>
      <ProjectView projectId={projectId} />
    </HydrateClient>
  );
}
