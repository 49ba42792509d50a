'use client';

import { Badge, Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconChevronDown from '@tabler/icons-react/icons/IconChevronDown';
import IconPlayerPlay from '@tabler/icons-react/icons/IconPlayerPlay';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

  return (
    <Menu position="bottom-end" width={300} shadow="md" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconPlayerPlay size={16} />}
          rightSection={<IconChevronDown size={14} />}
          loading={start.isPending}
        >
          Start pipeline
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Start for this version</Menu.Label>
        {pipelines.isPending && <Menu.Item disabled>Loading pipelines…</Menu.Item>}
        {pipelines.isError && <Menu.Item disabled>{errorMessage(pipelines.error)}</Menu.Item>}
        {pipelines.data?.length === 0 && (
          <Menu.Item disabled>
            <Text size="sm">No pipelines. Add one on the project page.</Text>
          </Menu.Item>
        )}
        {pipelines.data?.map((pipeline) => (
          <Menu.Item
            key={pipeline.id}
            onClick={() => start.mutate({ teamId, pipelineId: pipeline.id, modelVersionId })}
            rightSection={
              pipeline.startOnApproval ? (
                <Badge size="xs" color="grape" variant="light">
                  release
                </Badge>
              ) : null
            }
          >
            <Text size="sm" ff="monospace">
              {pipeline.awsPipelineName}
            </Text>
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
