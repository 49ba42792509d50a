'use client';

import { Badge, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '~/components/page-header';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { RunsTable } from './runs-table';

export function ExperimentView({ projectId, experimentId }: { projectId: string; experimentId: string }) {
  const team = useCurrentTeam();
  const trpc = useTRPC();
  const project = useQuery(trpc.project.byId.queryOptions({ teamId: team.id, projectId }));
  const experiment = useQuery(trpc.experiment.byId.queryOptions({ teamId: team.id, experimentId }));

  if (experiment.isPending || project.isPending) return <LoadingRows rows={6} />;
  if (experiment.isError) return <ErrorState error={experiment.error} onRetry={() => experiment.refetch()} />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  const current = experiment.data;
  const projectPath = `/teams/${team.id}/projects/${projectId}`;
  const userTags = current.tags.filter((tag) => !tag.key.startsWith('mlflow.'));

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Projects', href: `/teams/${team.id}/projects` },
          { label: project.data.name, href: projectPath },
          { label: current.name },
        ]}
        title={current.name}
        badge={current.lifecycleStage === 'deleted' ? <Badge color="gray">Deleted</Badge> : null}
        description={
          <>
            Created {formatUtc(current.createdAt)} · artifacts at{' '}
            <Text span ff="monospace" size="xs">
              {current.artifactLocation || '—'}
            </Text>
          </>
        }
      />
      {userTags.length > 0 && (
        <Group gap="xs">
          {userTags.map((tag) => (
            <Badge key={tag.key} color="gray" variant="outline" tt="none">
              {tag.key}: {tag.value}
            </Badge>
          ))}
        </Group>
      )}
      <RunsTable teamId={team.id} projectId={projectId} experimentId={current.id} />
    </Stack>
  );
}
