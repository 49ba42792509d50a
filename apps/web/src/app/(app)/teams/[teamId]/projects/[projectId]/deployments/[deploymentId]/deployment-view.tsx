'use client';

import { Alert, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  DEPLOYMENT_TYPE_LABEL,
  isDeploymentDeletable,
  isDeploymentSettling,
} from '~/components/deployments/deployment-labels';
import { DeploymentStatusBadge } from '~/components/deployments/deployment-status-badge';
import { ShadowComparisonPanel } from '~/components/deployments/shadow-comparison-panel';
import { AlertRulesPanel } from '~/components/monitoring/alert-rules-panel';
import { AlertsPanel } from '~/components/monitoring/alerts-panel';
import { DeploymentMetricsPanel } from '~/components/monitoring/deployment-metrics-panel';
import { PageHeader } from '~/components/page-header';
import { ResourceHistoryLink } from '~/components/resource-history-link';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { useTRPC } from '~/trpc/client';
import { DeleteDeploymentButton } from './delete-deployment-button';
import { DeploymentSummary, strategyKindOf } from './deployment-summary';
import { DeploymentTimeline } from './deployment-timeline';
import { EndShadowButton } from './end-shadow-button';
import { RollbackDeploymentButton } from './rollback-deployment-button';

const POLL_WHILE_SETTLING_MS = 3_000;

/** One deployment: where it runs, what it costs, its timeline, rollback or delete, its alerts and metrics. */
export function DeploymentView({ projectId, deploymentId }: { projectId: string; deploymentId: string }) {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const project = useQuery(trpc.project.byId.queryOptions({ teamId: team.id, projectId }));
  const deployment = useQuery({
    ...trpc.deployment.byId.queryOptions({ teamId: team.id, deploymentId }),
    refetchInterval: (query) =>
      query.state.data && isDeploymentSettling(query.state.data.status) ? POLL_WHILE_SETTLING_MS : false,
  });

  if (deployment.isPending || project.isPending) return <LoadingRows rows={6} />;
  if (deployment.isError) return <ErrorState error={deployment.error} onRetry={() => deployment.refetch()} />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  const current = deployment.data;
  const projectPath = `/teams/${team.id}/projects/${projectId}`;
  const title = `${current.modelVersion.modelGroup.name} v${current.modelVersion.version}`;
  const canWrite = can(viewer, team.id, 'project:write') && !project.data.isArchived;
  const isSettling = isDeploymentSettling(current.status);

  return (
    <Stack maw={1200} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Projects', href: `/teams/${team.id}/projects` },
          { label: project.data.name, href: projectPath },
          { label: 'Deployments', href: `${projectPath}/deployments` },
          { label: current.awsResourceName },
        ]}
        title={`${title} in ${current.environment.name.toLowerCase()}`}
        badge={
          <>
            <DeploymentStatusBadge status={current.status} testId="deployment-status" />
            <ResourceHistoryLink resourceType="Deployment" resourceId={current.id} teamId={team.id} />
          </>
        }
        description={`${DEPLOYMENT_TYPE_LABEL[current.type]} ${current.type === 'BATCH' ? 'transform job' : 'endpoint'} ${current.awsResourceName}`}
        actions={
          canWrite && (
            <Group gap="xs">
              {current.canRollBack && current.previous && (
                <RollbackDeploymentButton
                  teamId={team.id}
                  deploymentId={current.id}
                  projectPath={projectPath}
                  previousLabel={`v${current.previous.modelVersion.version}`}
                />
              )}
              {isDeploymentDeletable(current.status) && (
                <DeleteDeploymentButton
                  teamId={team.id}
                  deploymentId={current.id}
                  resourceName={current.awsResourceName}
                  isBatch={current.type === 'BATCH'}
                />
              )}
            </Group>
          )
        }
      />
      {current.statusReason && (
        <Alert
          color={current.status === 'IN_SERVICE' ? 'gray' : 'red'}
          variant="light"
          title="SageMaker says"
        >
          {current.statusReason}
        </Alert>
      )}
      <DeploymentSummary deployment={current} projectPath={projectPath} />
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} fz="lg">
            Timeline
          </Title>
          {isSettling && (
            <Text size="xs" c="dimmed">
              Live: refreshing every {POLL_WHILE_SETTLING_MS / 1000} seconds
            </Text>
          )}
        </Group>
        <DeploymentTimeline deployment={current} />
      </Stack>
      {current.type !== 'BATCH' && (
        <>
          <AlertsPanel teamId={team.id} projectId={projectId} deploymentId={current.id} />
          {strategyKindOf(current.spec) === 'SHADOW' && (
            <ShadowComparisonPanel
              teamId={team.id}
              deploymentId={current.id}
              endAction={canWrite && <EndShadowButton teamId={team.id} deploymentId={current.id} />}
            />
          )}
          <DeploymentMetricsPanel teamId={team.id} deploymentId={current.id} />
          <AlertRulesPanel teamId={team.id} projectId={projectId} deploymentId={current.id} />
        </>
      )}
    </Stack>
  );
}
