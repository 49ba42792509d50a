'use client';

import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import IconArchive from '@tabler/icons-react/icons/IconArchive';
import IconArchiveOff from '@tabler/icons-react/icons/IconArchiveOff';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { OpenAlertsSummary } from '~/components/monitoring/open-alerts-summary';
import { PageHeader } from '~/components/page-header';
import { ResourceHistoryLink } from '~/components/resource-history-link';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { errorMessage } from '~/lib/errors';
import { formatDateTime, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { ApiTokensPanel } from './api-tokens-panel';
import { ApprovalPolicyPanel } from './approval-policy-panel';
import { DeploymentsPanel } from './deployments-panel';
import { ExperimentsPanel } from './experiments-panel';
import { ModelGroupsPanel } from './model-groups-panel';
import { PipelinesPanel } from './pipelines-panel';
import { WebhookPanel } from './webhook-panel';

export function ProjectView({ projectId }: { projectId: string }) {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const projectKey = { teamId: team.id, projectId };
  const project = useQuery(trpc.project.byId.queryOptions(projectKey));
  const canArchive = can(viewer, team.id, 'project:archive');
  const setArchived = useMutation(
    trpc.project.setArchived.mutationOptions({
      onSuccess: async (_, input) => {
        notifications.show({
          color: 'teal',
          title: input.isArchived ? 'Project archived' : 'Project restored',
          message: input.isArchived
            ? 'It is hidden from the project list and takes no new tokens.'
            : 'It is active again.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.project.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not change the project',
          message: errorMessage(error),
        }),
    }),
  );

  if (project.isPending) return <LoadingRows rows={5} />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  const current = project.data;

  function confirmArchive() {
    modals.openConfirmModal({
      title: `Archive ${current.name}?`,
      children: (
        <Text size="sm">
          The project leaves the project list and no new API tokens can be created for it. Existing tokens
          keep working until they are revoked or expire. You can restore it later.
        </Text>
      ),
      labels: { confirm: 'Archive project', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => setArchived.mutate({ ...projectKey, isArchived: true }),
    });
  }

  return (
    <Stack maw={1200} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Projects', href: `/teams/${team.id}/projects` },
          { label: current.name },
        ]}
        title={current.name}
        badge={
          <>
            {current.isArchived && <Badge color="gray">Archived</Badge>}
            <ResourceHistoryLink resourceType="Project" resourceId={current.id} teamId={team.id} />
          </>
        }
        description={current.description || 'No description'}
        actions={
          canArchive ? (
            current.isArchived ? (
              <Button
                variant="default"
                leftSection={<IconArchiveOff size={16} />}
                loading={setArchived.isPending}
                onClick={() => setArchived.mutate({ ...projectKey, isArchived: false })}
              >
                Restore
              </Button>
            ) : (
              <Button
                variant="default"
                color="red"
                leftSection={<IconArchive size={16} />}
                loading={setArchived.isPending}
                onClick={confirmArchive}
              >
                Archive
              </Button>
            )
          ) : null
        }
      />
      {current.isArchived && (
        <Alert color="gray" title="This project is archived">
          Archived {formatDateTime(current.archivedAt)}. It takes no new API tokens.
        </Alert>
      )}
      <Paper withBorder p="md">
        <Group gap="xl">
          <Detail label="Slug" value={current.slug} />
          <Detail label="Team" value={current.teamName} />
          <Detail label="Created" value={formatUtc(current.createdAt)} />
        </Group>
      </Paper>
      <OpenAlertsSummary teamId={team.id} projectId={current.id} />
      <ExperimentsPanel teamId={team.id} projectId={current.id} isArchived={current.isArchived} />
      <ModelGroupsPanel teamId={team.id} projectId={current.id} isArchived={current.isArchived} />
      <DeploymentsPanel
        teamId={team.id}
        projectId={current.id}
        canDeploy={can(viewer, team.id, 'project:write') && !current.isArchived}
      />
      <ApprovalPolicyPanel teamId={team.id} projectId={current.id} />
      <PipelinesPanel teamId={team.id} projectId={current.id} isArchived={current.isArchived} />
      {can(viewer, team.id, 'release:policy') && (
        <WebhookPanel teamId={team.id} projectId={current.id} isArchived={current.isArchived} />
      )}
      {can(viewer, team.id, 'token:read') ? (
        <ApiTokensPanel teamId={team.id} projectId={current.id} isArchived={current.isArchived} />
      ) : (
        <Text size="sm" c="dimmed">
          API tokens of this project are visible to engineers and admins of {team.name}.
        </Text>
      )}
    </Stack>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}
