'use client';

import { Anchor, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import {
  DEPLOYMENT_TYPE_LABEL,
  isDeploymentSettling,
  strategyLabel,
} from '~/components/deployments/deployment-labels';
import { DeploymentStatusBadge } from '~/components/deployments/deployment-status-badge';
import { ENVIRONMENT_LABEL } from '~/components/release/release-badges';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

const POLL_WHILE_SETTLING_MS = 3_000;

interface VersionDeploymentsProps {
  teamId: string;
  projectId: string;
  modelVersionId: string;
}

/** Where this version runs or ran: every deployment of it, newest first. */
export function VersionDeployments({ teamId, projectId, modelVersionId }: VersionDeploymentsProps) {
  const trpc = useTRPC();
  const deployments = useQuery({
    ...trpc.deployment.list.queryOptions({ teamId, projectId, includeEnded: true }),
    refetchInterval: (query) =>
      query.state.data?.some(
        (row) => row.modelVersion.id === modelVersionId && isDeploymentSettling(row.status),
      )
        ? POLL_WHILE_SETTLING_MS
        : false,
  });
  const projectPath = `/teams/${teamId}/projects/${projectId}`;

  if (deployments.isPending) return <LoadingRows rows={2} />;
  if (deployments.isError)
    return <ErrorState error={deployments.error} onRetry={() => deployments.refetch()} />;
  const rows = deployments.data.filter((row) => row.modelVersion.id === modelVersionId);
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This version has not been deployed.
      </Text>
    );
  }
  return (
    <Paper withBorder>
      <Table verticalSpacing="xs" aria-label="Deployments of this version">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Environment</Table.Th>
            <Table.Th>Endpoint or job</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Strategy</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Requested</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td>{ENVIRONMENT_LABEL[row.environment.name]}</Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  href={`${projectPath}/deployments/${row.id}`}
                  size="sm"
                  ff="monospace"
                >
                  {row.awsResourceName}
                </Anchor>
              </Table.Td>
              <Table.Td>{DEPLOYMENT_TYPE_LABEL[row.type]}</Table.Td>
              <Table.Td>{strategyLabel(row.strategy)}</Table.Td>
              <Table.Td>
                <DeploymentStatusBadge status={row.status} />
              </Table.Td>
              <Table.Td title={formatUtc(row.createdAt)}>{formatRelative(row.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
