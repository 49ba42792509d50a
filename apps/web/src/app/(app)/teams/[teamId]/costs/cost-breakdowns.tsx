'use client';

import { formatUsd } from '@cairn/core/deployments/cost-line';
import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { Table } from '~/components/table';

const KIND_LABEL: Record<string, string> = {
  ENDPOINT_INSTANCE: 'Endpoint instances',
  SERVERLESS: 'Serverless inference',
  TRANSFORM: 'Batch transform',
  PIPELINE: 'Pipeline runs',
};

interface Costs {
  byProject: Array<{ projectId: string | null; name: string; usd: number }>;
  byResourceKind: Array<{ resourceKind: string; usd: number }>;
  topDeployments: Array<{
    deploymentId: string;
    name: string;
    model: string;
    projectName: string;
    environment: string;
    status: string;
    path: string;
    usd: number;
  }>;
}

function SimpleTable({
  label,
  rows,
}: {
  label: string;
  rows: Array<{ key: string; name: string; usd: number }>;
}) {
  return (
    <Paper withBorder>
      <Table verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{label}</Table.Th>
            <Table.Th ta="right">Spend</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={2}>
                <Text size="sm" c="dimmed">
                  Nothing this month
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.name}</Table.Td>
              <Table.Td ta="right">{formatUsd(row.usd)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** The month's spend by project and by resource kind, and the deployments that cost most. */
export function CostBreakdowns({ costs }: { costs: Costs }) {
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <Title order={2} fz="lg">
            By project
          </Title>
          <SimpleTable
            label="Project"
            rows={costs.byProject.map((row) => ({
              key: row.projectId ?? 'team',
              name: row.name,
              usd: row.usd,
            }))}
          />
        </Stack>
        <Stack gap="xs">
          <Title order={2} fz="lg">
            By resource kind
          </Title>
          <SimpleTable
            label="Resource kind"
            rows={costs.byResourceKind.map((row) => ({
              key: row.resourceKind,
              name: KIND_LABEL[row.resourceKind] ?? row.resourceKind,
              usd: row.usd,
            }))}
          />
        </Stack>
      </SimpleGrid>
      <Stack gap="xs">
        <Title order={2} fz="lg">
          Top spenders
        </Title>
        <Paper withBorder>
          <Table verticalSpacing="xs" aria-label="Top spending deployments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Deployment</Table.Th>
                <Table.Th>Model</Table.Th>
                <Table.Th>Project</Table.Th>
                <Table.Th>Environment</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Spend this month</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {costs.topDeployments.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed">
                      No deployment ran this month
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {costs.topDeployments.map((deployment) => (
                <Table.Tr key={deployment.deploymentId}>
                  <Table.Td>
                    <Anchor component={Link} href={deployment.path} ff="monospace" size="sm">
                      {deployment.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{deployment.model}</Table.Td>
                  <Table.Td>{deployment.projectName}</Table.Td>
                  <Table.Td>{deployment.environment.toLowerCase()}</Table.Td>
                  <Table.Td>{deployment.status.toLowerCase().replaceAll('_', ' ')}</Table.Td>
                  <Table.Td ta="right">{formatUsd(deployment.usd)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>
    </Stack>
  );
}
