'use client';

import { Anchor, Paper, Text } from '@mantine/core';
import Link from 'next/link';
import { DEPLOYMENT_TYPE_LABEL, formatUsd, strategyLabel } from '~/components/deployments/deployment-labels';
import { DeploymentStatusBadge } from '~/components/deployments/deployment-status-badge';
import { Table } from '~/components/table';
import { formatRelative, formatUtc } from '~/lib/format';
import type { RouterOutputs } from '~/trpc/outputs';

type DeploymentRow = RouterOutputs['deployment']['list'][number];

interface EnvironmentDeploymentsTableProps {
  label: string;
  deployments: DeploymentRow[];
  projectPath: string;
  emptyText: string;
}

/** One environment's deployments: version, type, strategy, status, age and cost so far. */
export function EnvironmentDeploymentsTable({
  label,
  deployments,
  projectPath,
  emptyText,
}: EnvironmentDeploymentsTableProps) {
  if (deployments.length === 0) {
    return (
      <Paper withBorder p="md">
        <Text size="sm" c="dimmed">
          {emptyText}
        </Text>
      </Paper>
    );
  }
  return (
    <Paper withBorder>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Endpoint or job</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Strategy</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Age</Table.Th>
            <Table.Th ta="right">Cost so far</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deployments.map((deployment) => (
            <Table.Tr key={deployment.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  href={`${projectPath}/models/${deployment.modelVersion.id}`}
                  size="sm"
                >
                  {deployment.modelVersion.modelGroup.name} v{deployment.modelVersion.version}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor
                  component={Link}
                  href={`${projectPath}/deployments/${deployment.id}`}
                  size="sm"
                  ff="monospace"
                >
                  {deployment.awsResourceName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{DEPLOYMENT_TYPE_LABEL[deployment.type]}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{strategyLabel(deployment.strategy)}</Text>
              </Table.Td>
              <Table.Td>
                <DeploymentStatusBadge status={deployment.status} />
                {deployment.statusReason && (
                  <Text size="xs" c="dimmed" maw={280} mt={2}>
                    {deployment.statusReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td title={formatUtc(deployment.createdAt)}>
                <Text size="sm">{formatRelative(deployment.createdAt)}</Text>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm">{formatUsd(deployment.costSoFarUsd)}</Text>
                <Text size="xs" c="dimmed">
                  of {formatUsd(deployment.predictedMonthlyUsd)}/mo
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
