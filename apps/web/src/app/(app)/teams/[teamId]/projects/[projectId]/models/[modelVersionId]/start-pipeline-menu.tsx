'use client';

import { Badge, Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconChevronDown from '@tabler/icons-react/icons/IconChevronDown';
import IconPlayerPlay from '@tabler/icons-react/icons/IconPlayerPlay';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ActionsMenu } from '~/components/actions-menu';
import type { ActionsMenuItem } from '~/components/actions-menu-popup';
import { errorMessage } from '~/lib/errors';
import { useTRPC } from '~/trpc/client';

interface StartPipelineMenuProps {
  teamId: string;
  projectId: string;
  modelVersionId: string;
}

/** Starts one of the project's pipelines for this version: its package ARN and number become variables. */
export function StartPipelineMenu({ teamId, projectId, modelVersionId }: StartPipelineMenuProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pipelines = useQuery(trpc.pipeline.list.queryOptions({ teamId, projectId }));
  const start = useMutation(
    trpc.pipeline.start.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Pipeline starting',
          message: 'The worker starts it in AWS; its run appears under Release pipelines.',
        });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.pipeline.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.modelVersion.timeline.pathKey() }),
        ]);
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not start the pipeline',
          message: errorMessage(error),
        }),
    }),
  );

  const items: ActionsMenuItem[] = pipelines.isPending
    ? [{ key: 'loading', label: 'Loading pipelines…', disabled: true }]
    : pipelines.isError
      ? [{ key: 'error', label: errorMessage(pipelines.error), disabled: true }]
      : pipelines.data.length === 0
        ? [{ key: 'none', label: 'No pipelines. Add one on the project page.', disabled: true }]
        : pipelines.data.map((pipeline) => ({
            key: pipeline.id,
            label: (
              <Text size="sm" ff="monospace">
                {pipeline.awsPipelineName}
              </Text>
            ),
            onClick: () => start.mutate({ teamId, pipelineId: pipeline.id, modelVersionId }),
            rightSection: pipeline.startOnApproval ? (
              <Badge size="xs" color="grape" variant="light">
                release
              </Badge>
            ) : null,
          }));

  return (
    <ActionsMenu
      heading="Start for this version"
      width={300}
      items={items}
      trigger={(onClick) => (
        <Button
          variant="default"
          leftSection={<IconPlayerPlay size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={start.isPending}
          onClick={onClick}
        >
          Start pipeline
        </Button>
      )}
    />
  );
}
