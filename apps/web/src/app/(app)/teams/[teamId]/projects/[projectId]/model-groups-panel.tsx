'use client';

import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import IconBox from '@tabler/icons-react/icons/IconBox';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { Fragment, useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { ModelVersionsTable } from './model-versions-table';

// The form and its input schema load when its modal opens, not with the page.
const CreateModelGroupForm = dynamic(
  () => import('./create-model-group-form').then((module) => module.CreateModelGroupForm),
  { ssr: false, loading: () => <LoadingRows rows={2} height={36} /> },
);

const STATUS_COLOR = { PENDING: 'blue', READY: 'teal', FAILED: 'red' } as const;
const STATUS_LABEL = { PENDING: 'creating', READY: 'ready', FAILED: 'failed' } as const;
const POLL_WHILE_PENDING_MS = 2_000;

interface ModelGroupsPanelProps {
  teamId: string;
  projectId: string;
  isArchived: boolean;
}

/** The project's model groups, each mirrored to a SageMaker model package group by the worker. */
export function ModelGroupsPanel({ teamId, projectId, isArchived }: ModelGroupsPanelProps) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const [isCreateOpen, createModal] = useDisclosure(false);
  const groups = useQuery({
    ...trpc.modelGroup.list.queryOptions({ teamId, projectId }),
    refetchInterval: (query) =>
      query.state.data?.some((group) => group.awsStatus === 'PENDING') ? POLL_WHILE_PENDING_MS : false,
  });
  const canCreate = can(viewer, teamId, 'project:write') && !isArchived;
  const [openGroupId, setOpenGroupId] = useState<string | null>(null);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={3} fz="lg">
            Model groups
          </Title>
          <Text size="sm" c="dimmed">
            Each group holds the versions of one model and lives in SageMaker as a model package group.
          </Text>
        </div>
        {canCreate && (
          <Button leftSection={<IconPlus size={16} />} variant="default" onClick={createModal.open}>
            New model group
          </Button>
        )}
      </Group>
      {groups.isPending && <LoadingRows rows={2} />}
      {groups.isError && <ErrorState error={groups.error} onRetry={() => groups.refetch()} />}
      {groups.data?.length === 0 && (
        <EmptyPanel
          icon={<IconBox size={28} />}
          title="No model groups"
          description="Create one to register model versions."
        />
      )}
      {groups.data && groups.data.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label="Model groups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>SageMaker</Table.Th>
                <Table.Th>Model package group</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Versions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.data.map((group) => (
                <Fragment key={group.id}>
                  <Table.Tr>
                    <Table.Td>
                      <Text fw={500} size="sm">
                        {group.name}
                      </Text>
                      {group.description && (
                        <Text size="xs" c="dimmed" lineClamp={1}>
                          {group.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[group.awsStatus]} variant="light">
                        {STATUS_LABEL[group.awsStatus]}
                      </Badge>
                      {group.awsError && (
                        <Text size="xs" c="red" mt={4} maw={360}>
                          {group.awsError}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                        {group.awsArn ?? group.awsName}
                      </Text>
                    </Table.Td>
                    <Table.Td title={formatUtc(group.createdAt)}>{formatRelative(group.createdAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        aria-expanded={openGroupId === group.id}
                        onClick={() => setOpenGroupId(openGroupId === group.id ? null : group.id)}
                      >
                        {openGroupId === group.id ? 'Hide' : 'Show'} {group.versionCount}{' '}
                        {group.versionCount === 1 ? 'version' : 'versions'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {openGroupId === group.id && (
                    <Table.Tr>
                      <Table.Td colSpan={5} bg="var(--mantine-color-gray-0)">
                        <ModelVersionsTable
                          teamId={teamId}
                          projectId={projectId}
                          scope={{ modelGroupId: group.id }}
                          emptyText="No versions yet. Register one from a finished run's page."
                        />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <DeferredModal opened={isCreateOpen} onClose={createModal.close} title="New model group" size="lg">
        <CreateModelGroupForm teamId={teamId} projectId={projectId} onDone={createModal.close} />
      </DeferredModal>
    </Stack>
  );
}
