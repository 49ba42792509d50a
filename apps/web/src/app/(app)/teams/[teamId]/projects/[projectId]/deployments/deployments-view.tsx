'use client';

import { DEPLOYMENT_ENVIRONMENTS } from '@cairn/core/deployments/deployment-environments';
import { Button, Group, Stack, Switch, Text, Title } from '@mantine/core';
import IconRocket from '@tabler/icons-react/icons/IconRocket';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { isDeploymentSettling } from '~/components/deployments/deployment-labels';
import { PageHeader } from '~/components/page-header';
import { ENVIRONMENT_LABEL } from '~/components/release/release-badges';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { useTRPC } from '~/trpc/client';
import { EnvironmentDeploymentsTable } from './environment-deployments-table';
import { EnvironmentsPanel } from './environments-panel';

const POLL_WHILE_SETTLING_MS = 3_000;

/** What runs where in a project, per environment, and the environments' settings. */
export function DeploymentsView({ projectId }: { projectId: string }) {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const [isEndedShown, setEndedShown] = useState(false);
  const project = useQuery(trpc.project.byId.queryOptions({ teamId: team.id, projectId }));
  const deployments = useQuery({
    ...trpc.deployment.list.queryOptions({ teamId: team.id, projectId, includeEnded: isEndedShown }),
    refetchInterval: (query) =>
      query.state.data?.some((deployment) => isDeploymentSettling(deployment.status))
        ? POLL_WHILE_SETTLING_MS
        : false,
  });
  const projectPath = `/teams/${team.id}/projects/${projectId}`;

  if (project.isPending) return <LoadingRows rows={6} />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  const canDeploy = can(viewer, team.id, 'project:write') && !project.data.isArchived;

  return (
    <Stack maw={1200} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Projects', href: `/teams/${team.id}/projects` },
          { label: project.data.name, href: projectPath },
          { label: 'Deployments' },
        ]}
        title="Deployments"
        description={`What runs where in ${project.data.name}: dev, staging and prod.`}
        actions={
          canDeploy && (
            <Button component={Link} href={`${projectPath}/deploy`} leftSection={<IconRocket size={16} />}>
              Deploy
            </Button>
          )
        }
      />
      <Group justify="flex-end">
        <Switch
          label="Show ended"
          checked={isEndedShown}
          onChange={(event) => setEndedShown(event.currentTarget.checked)}
        />
      </Group>
      {deployments.isPending ? (
        <LoadingRows rows={3} />
      ) : deployments.isError ? (
        <ErrorState error={deployments.error} onRetry={() => deployments.refetch()} />
      ) : (
        DEPLOYMENT_ENVIRONMENTS.map((environment) => (
          <Stack key={environment} gap="xs">
            <Title order={3} fz="lg">
              {ENVIRONMENT_LABEL[environment]}
            </Title>
            <EnvironmentDeploymentsTable
              label={`${ENVIRONMENT_LABEL[environment]} deployments`}
              deployments={deployments.data.filter(
                (deployment) => deployment.environment.name === environment,
              )}
              projectPath={projectPath}
              emptyText={
                isEndedShown
                  ? `Nothing has been deployed to ${environment.toLowerCase()}.`
                  : `Nothing runs in ${environment.toLowerCase()}.`
              }
            />
          </Stack>
        ))
      )}
      <Stack gap="xs">
        <Title order={3} fz="lg">
          Environments
        </Title>
        <Text size="sm" c="dimmed">
          Each environment deploys in its own region, under the team's role or another account's.
        </Text>
        <EnvironmentsPanel teamId={team.id} projectId={projectId} />
      </Stack>
    </Stack>
  );
}
