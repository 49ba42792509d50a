'use client';

import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import IconReplace from '@tabler/icons-react/icons/IconReplace';
import IconRocket from '@tabler/icons-react/icons/IconRocket';
import IconSend from '@tabler/icons-react/icons/IconSend';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { Hint } from '~/components/hint';
import { PageHeader } from '~/components/page-header';
import { VersionApprovalBadges } from '~/components/release/release-badges';
import { ResourceHistoryLink } from '~/components/resource-history-link';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { useTRPC } from '~/trpc/client';
import { isReleaseLive } from './is-release-live';
import { ModelVersionSummary } from './model-version-summary';
import { ReleaseRunsPanel } from './release-runs-panel';
import { StartPipelineMenu } from './start-pipeline-menu';
import { VersionApprovalRequests } from './version-approval-requests';
import { VersionDeployments } from './version-deployments';
import { VersionTimeline } from './version-timeline';

// The forms and their input schemas load when their modal opens, not with the page.
const ReplaceArtifactForm = dynamic(
  () => import('./replace-artifact-form').then((module) => module.ReplaceArtifactForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

const RequestApprovalForm = dynamic(
  () => import('./request-approval-form').then((module) => module.RequestApprovalForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

// While a request is open, a release pipeline runs or SageMaker has not caught up, all is polled.
const POLL_WHILE_PENDING_MS = 4_000;

export function ModelVersionView({
  projectId,
  modelVersionId,
}: {
  projectId: string;
  modelVersionId: string;
}) {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const ref = useMemo(() => ({ teamId: team.id, modelVersionId }), [team.id, modelVersionId]);
  const [isRequestOpen, requestModal] = useDisclosure(false);
  const [isReplaceOpen, replaceModal] = useDisclosure(false);
  const queryClient = useQueryClient();
  const versionInput = { teamId: team.id, projectId, id: modelVersionId };
  // Read from the cache before subscribing, so all three poll together while anything is pending.
  const poll = isReleaseLive(
    queryClient.getQueryData(trpc.modelVersion.byId.queryKey(versionInput)),
    queryClient.getQueryData(trpc.approval.listForVersion.queryKey(ref)),
    queryClient.getQueryData(trpc.pipeline.runsForVersion.queryKey(ref)),
  )
    ? POLL_WHILE_PENDING_MS
    : false;
  const project = useQuery(trpc.project.byId.queryOptions({ teamId: team.id, projectId }));
  const version = useQuery({ ...trpc.modelVersion.byId.queryOptions(versionInput), refetchInterval: poll });
  const requests = useQuery({ ...trpc.approval.listForVersion.queryOptions(ref), refetchInterval: poll });
  const runs = useQuery({ ...trpc.pipeline.runsForVersion.queryOptions(ref), refetchInterval: poll });
  const isLive = poll !== false;

  // The last events (a pipeline's end, SageMaker's update) land after the final poll: fetch once more.
  const wasLive = useRef(isLive);
  useEffect(() => {
    if (wasLive.current && !isLive)
      void queryClient.invalidateQueries({ queryKey: trpc.modelVersion.timeline.queryKey(ref) });
    wasLive.current = isLive;
  }, [isLive, queryClient, trpc, ref]);

  if (version.isPending || project.isPending) return <LoadingRows rows={6} />;
  if (version.isError) return <ErrorState error={version.error} onRetry={() => version.refetch()} />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  const current = version.data;
  const title = `${current.modelGroup.name} v${current.version}`;
  const projectPath = `/teams/${team.id}/projects/${projectId}`;
  const isArchived = project.data.isArchived;
  const canRequest = can(viewer, team.id, 'release:request') && !isArchived;
  const canWrite = can(viewer, team.id, 'project:write') && !isArchived;
  const hasOpenRequest = Boolean(requests.data?.some((request) => request.status === 'PENDING'));

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Projects', href: `/teams/${team.id}/projects` },
          { label: project.data.name, href: projectPath },
          { label: title },
        ]}
        title={title}
        badge={
          <>
            <VersionApprovalBadges {...current} />
            <ResourceHistoryLink resourceType="ModelVersion" resourceId={current.id} teamId={team.id} />
          </>
        }
        description={current.description || 'No description'}
        actions={
          <Group gap="xs">
            {canWrite && (
              <StartPipelineMenu teamId={team.id} projectId={projectId} modelVersionId={current.id} />
            )}
            {canWrite && (
              <Button variant="default" leftSection={<IconReplace size={16} />} onClick={replaceModal.open}>
                Replace artifact
              </Button>
            )}
            {canWrite && (
              <Button
                component={Link}
                href={`${projectPath}/deploy?version=${current.id}`}
                variant="default"
                leftSection={<IconRocket size={16} />}
              >
                Deploy
              </Button>
            )}
            {canRequest && (
              <Hint
                label="This version has an open request: it is decided, or expires, before another is opened"
                disabled={!hasOpenRequest}
                maxWidth={320}
              >
                <Button
                  leftSection={<IconSend size={16} />}
                  // data-disabled, not disabled: a disabled button swallows the hover the tooltip needs.
                  data-disabled={hasOpenRequest || undefined}
                  onClick={(event) => (hasOpenRequest ? event.preventDefault() : requestModal.open())}
                >
                  Request approval
                </Button>
              </Hint>
            )}
          </Group>
        }
      />
      <ModelVersionSummary version={current} projectPath={projectPath} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="sm">
          <Title order={3} fz="lg">
            Approval requests
          </Title>
          <VersionApprovalRequests query={requests} teamId={team.id} />
        </Stack>
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={3} fz="lg">
              Release pipelines
            </Title>
            {isLive && (
              <Text size="xs" c="dimmed">
                Live: refreshing every {POLL_WHILE_PENDING_MS / 1000} seconds
              </Text>
            )}
          </Group>
          <ReleaseRunsPanel query={runs} teamId={team.id} />
        </Stack>
      </SimpleGrid>
      <Stack gap="sm">
        <Title order={3} fz="lg">
          Deployments
        </Title>
        <VersionDeployments teamId={team.id} projectId={projectId} modelVersionId={current.id} />
      </Stack>
      <Stack gap="sm">
        <Title order={3} fz="lg">
          History
        </Title>
        <VersionTimeline teamId={team.id} modelVersionId={current.id} poll={poll} />
      </Stack>
      <DeferredModal
        opened={isRequestOpen}
        onClose={requestModal.close}
        title={`Request approval for ${title}`}
        size="lg"
      >
        <RequestApprovalForm
          teamId={team.id}
          projectId={projectId}
          modelVersionId={current.id}
          onDone={requestModal.close}
        />
      </DeferredModal>
      <DeferredModal
        opened={isReplaceOpen}
        onClose={replaceModal.close}
        title={`Replace the artifact of ${title}`}
        size="lg"
      >
        <ReplaceArtifactForm
          teamId={team.id}
          projectId={projectId}
          version={current}
          onDone={replaceModal.close}
        />
      </DeferredModal>
    </Stack>
  );
}
