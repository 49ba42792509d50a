'use client';

import { Anchor, Badge, Group, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

const MIRROR_COLOR = { PENDING: 'blue', READY: 'teal', FAILED: 'red' } as const;
const MIRROR_LABEL = { PENDING: 'creating', READY: 'in SageMaker', FAILED: 'failed' } as const;
const APPROVAL_COLOR = { PENDING_MANUAL_APPROVAL: 'gray', APPROVED: 'teal', REJECTED: 'red' } as const;
const APPROVAL_LABEL = {
  PENDING_MANUAL_APPROVAL: 'pending approval',
  APPROVED: 'approved',
  REJECTED: 'rejected',
} as const;
const POLL_WHILE_PENDING_MS = 2_000;

interface ModelVersionsTableProps {
  teamId: string;
  projectId: string;
  /** A group's versions (shown with their source run), or a run's (shown with their group). */
  scope: { modelGroupId: string } | { runId: string };
  emptyText: string;
}

/** Model versions, newest first, with where each stands in SageMaker and in approval. */
export function ModelVersionsTable({ teamId, projectId, scope, emptyText }: ModelVersionsTableProps) {
  const trpc = useTRPC();
  const versions = useQuery({
    ...trpc.modelVersion.list.queryOptions({ teamId, projectId, ...scope }),
    refetchInterval: (query) =>
      query.state.data?.items.some((version) => version.awsStatus === 'PENDING')
        ? POLL_WHILE_PENDING_MS
        : false,
  });
  const isByRun = 'runId' in scope;
  const projectPath = `/teams/${teamId}/projects/${projectId}`;

  if (versions.isPending) return <LoadingRows rows={2} />;
  if (versions.isError) return <ErrorState error={versions.error} onRetry={() => versions.refetch()} />;
  if (versions.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {emptyText}
      </Text>
    );
  }
  return (
    <Paper withBorder>
      <Table verticalSpacing="xs" aria-label={isByRun ? 'Model versions from this run' : 'Model versions'}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>{isByRun ? 'Model group' : 'Source run'}</Table.Th>
            <Table.Th>Framework</Table.Th>
            <Table.Th>Registered</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.data.items.map((version) => (
            <Table.Tr key={version.id}>
              <Table.Td>
                <Anchor component={Link} href={`${projectPath}/models/${version.id}`} fw={500} size="sm">
                  {isByRun ? `${version.modelGroup.name} v${version.version}` : `v${version.version}`}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Badge color={MIRROR_COLOR[version.awsStatus]} variant="light">
                    {MIRROR_LABEL[version.awsStatus]}
                  </Badge>
                  <Badge color={APPROVAL_COLOR[version.approvalStatus]} variant="outline">
                    {APPROVAL_LABEL[version.approvalStatus]}
                  </Badge>
                </Group>
                {version.awsError && (
                  <Text size="xs" c="red" mt={4} maw={360}>
                    {version.awsError}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {isByRun ? (
                  <Text size="sm">{version.modelGroup.name}</Text>
                ) : (
                  <Anchor component={Link} href={`${projectPath}/runs/${version.run.id}`} size="sm">
                    {version.run.name || version.run.id}
                  </Anchor>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{version.framework.toLowerCase()}</Text>
              </Table.Td>
              <Table.Td title={formatUtc(version.createdAt)}>
                <Text size="sm">{formatRelative(version.createdAt)}</Text>
                <Text size="xs" c="dimmed">
                  by {version.createdBy?.name ?? 'a former member'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {versions.data.nextCursor && (
        <Text size="xs" c="dimmed" p="xs">
          Showing the newest {versions.data.items.length} versions.
        </Text>
      )}
    </Paper>
  );
}
