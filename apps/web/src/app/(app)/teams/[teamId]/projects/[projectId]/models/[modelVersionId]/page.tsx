import type { Metadata } from 'next';
import {
  findOrNotFound,
  getCaller,
  HydrateClient,
  primeProject,
  primeQuery,
  serverTRPC,
} from '~/trpc/server';
import { ModelVersionView } from './model-version-view';

interface ModelVersionPageProps {
  params: Promise<{ teamId: string; projectId: string; modelVersionId: string }>;
}

async function loadVersion({ params }: ModelVersionPageProps) {
  const { teamId, projectId, modelVersionId } = await params;
  const caller = await getCaller();
  // Scoped by project: a version of another project (or team) is not found here.
  const version = await findOrNotFound(() =>
    caller.modelVersion.byId({ teamId, projectId, id: modelVersionId }),
  );
  primeQuery(serverTRPC.modelVersion.byId.queryKey({ teamId, projectId, id: modelVersionId }), version);
  return version;
}

export async function generateMetadata(props: ModelVersionPageProps): Promise<Metadata> {
  const version = await loadVersion(props);
  return { title: `${version.modelGroup.name} v${version.version}` };
}

export default async function ModelVersionPage(props: ModelVersionPageProps) {
  const version = await loadVersion(props);
  const { teamId } = await props.params;
  await primeProject(teamId, version.projectId);
  return (
    <HydrateClient>
      <ModelVersionView projectId={version.projectId} modelVersionId={version.id} />
    </HydrateClient>
  );
}
