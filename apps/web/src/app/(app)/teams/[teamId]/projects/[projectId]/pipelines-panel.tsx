'use client';

import { Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import IconPlayerPlay from '@tabler/icons-react/icons/IconPlayerPlay';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconTimeline from '@tabler/icons-react/icons/IconTimeline';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { DeferredModal } from '~/components/deferred-modal';
import { PipelineRunStatusBadge } from '~/components/release/release-badges';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { errorMessage } from '~/lib/errors';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

// The form and its input schema load when its modal opens, not with the page.
const RegisterPipelineForm = dynamic(
  () => import('./register-pipeline-form').then((module) => module.RegisterPipelineForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

const KIND_LABEL = { CODEPIPELINE: 'CodePipeline', SAGEMAKER: 'SageMaker pipeline' } as const;
const POLL_WHILE_RUNNING_MS = 2_000;

interface PipelinesPanelProps {
  teamId: string;
  projectId: string;
  isArchived: boolean;
}

/** The project's pipelines in AWS, started by hand here, with their latest runs followed live. */
export function PipelinesPanel({ teamId, projectId, isArchived }: PipelinesPanelProps) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [isRegisterOpen, registerModal] = useDisclosure(false);
  const canWrite = can(viewer, teamId, 'project:write') && !isArchived;
  const canSetRelease = can(viewer, teamId, 'release:policy') && !isArchived;
  const pipelines = useQuery({
    ...trpc.pipeline.list.queryOptions({ teamId, projectId }),
    refetchInterval: (query) =>
      query.state.data?.some((pipeline) =>
        pipeline.runs.some((run) => run.status === 'STARTING' || run.status === 'RUNNING'),
      )
        ? POLL_WHILE_RUNNING_MS
        : false,
  });
  const start = useMutation(
    trpc.pipeline.start.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.pipeline.list.queryKey({ teamId, projectId }) }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not start the pipeline',
          message: errorMessage(error),
        }),
    }),
  );

  const setRelease = useMutation(
    trpc.pipeline.setRelease.mutationOptions({
      onSuccess: async (pipeline) => {
        notifications.show({
          color: 'teal',
          title: pipeline.startOnApproval ? 'Release pipeline' : 'No longer a release pipeline',
          message: pipeline.startOnApproval
            ? `${pipeline.awsPipelineName} starts whenever a version of this project is approved.`
            : `${pipeline.awsPipelineName} starts only by hand.`,
        });
        await queryClient.invalidateQueries({ queryKey: trpc.pipeline.list.queryKey({ teamId, projectId }) });
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not change the pipeline',
          message: errorMessage(error),
        }),
    }),
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={3} fz="lg">
            Pipelines
          </Title>
          <Text size="sm" c="dimmed">
            CodePipeline and SageMaker pipelines in the team's account. Cairn starts them and follows each
            run; a release pipeline also starts, with the version's variables, when a version is approved.
          </Text>
        </div>
        {canWrite && (
          <Button leftSection={<IconPlus size={16} />} variant="default" onClick={registerModal.open}>
            Add pipeline
          </Button>
        )}
      </Group>
      {pipelines.isPending && <LoadingRows rows={2} />}
      {pipelines.isError && <ErrorState error={pipelines.error} onRetry={() => pipelines.refetch()} />}
      {pipelines.data?.length === 0 && (
        <EmptyPanel
          icon={<IconTimeline size={28} />}
          title="No pipelines"
          description="Add a pipeline to start it from here."
        />
      )}
      {pipelines.data?.map((pipeline) => (
        <Paper withBorder p="md" key={pipeline.id}>
          <Group justify="space-between" mb={pipeline.runs.length > 0 ? 'sm' : 0}>
            <div>
              <Group gap="xs">
                <Text fw={600} ff="monospace" size="sm">
                  {pipeline.awsPipelineName}
                </Text>
                {pipeline.startOnApproval && (
                  <Badge size="sm" color="grape" variant="light">
                    release
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {KIND_LABEL[pipeline.kind]}
                {pipeline.description ? ` · ${pipeline.description}` : ''}
              </Text>
            </div>
            <Group gap="md">
              {canSetRelease && (
                <Switch
                  label="Start on approval"
                  checked={pipeline.startOnApproval}
                  disabled={setRelease.isPending && setRelease.variables?.pipelineId === pipeline.id}
                  onChange={(event) =>
                    setRelease.mutate({
                      teamId,
                      pipelineId: pipeline.id,
                      startOnApproval: event.currentTarget.checked,
                    })
                  }
                />
              )}
              {canWrite && (
                <Button
                  size="xs"
                  leftSection={<IconPlayerPlay size={14} />}
                  loading={start.isPending && start.variables?.pipelineId === pipeline.id}
                  onClick={() => start.mutate({ teamId, pipelineId: pipeline.id })}
                >
                  Run
                </Button>
              )}
            </Group>
          </Group>
          {pipeline.runs.length > 0 && (
            <Table verticalSpacing={4} aria-label={`Runs of ${pipeline.awsPipelineName}`}>
              <Table.Tbody>
                {pipeline.runs.map((run) => (
                  <Table.Tr key={run.id}>
                    <Table.Td w={140}>
                      <PipelineRunStatusBadge status={run.status} />
                    </Table.Td>
                    <Table.Td title={formatUtc(run.createdAt)} w={160}>
                      {formatRelative(run.createdAt)}
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="xs"
                        c={run.statusReason ? undefined : 'dimmed'}
                        style={{ overflowWrap: 'anywhere' }}
                      >
                        {run.statusReason ?? run.awsExecutionId ?? 'Waiting for the worker'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      ))}
      <DeferredModal opened={isRegisterOpen} onClose={registerModal.close} title="Add pipeline" size="lg">
        <RegisterPipelineForm teamId={teamId} projectId={projectId} onDone={registerModal.close} />
      </DeferredModal>
    </Stack>
  );
}
