'use client';

import { formatMetricValue } from '@cairn/core/monitoring/metric-catalogue';
import { Anchor, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { ErrorState } from '~/components/states';
import { useTRPC } from '~/trpc/client';
import { AlertStatusBadge, SEVERITY_COLOR, SeverityBadge } from './alert-badges';

const POLL_MS = 30_000;
const SEVERITIES = ['CRITICAL', 'WARNING', 'INFO'] as const;

interface OpenAlertsSummaryProps {
  /** Absent: every team of the signed-in person (the home page). */
  teamId?: string;
  projectId?: string;
}

/** Open alerts by severity with the latest few, each a link to its deployment. */
export function OpenAlertsSummary({ teamId, projectId }: OpenAlertsSummaryProps) {
  const trpc = useTRPC();
  const summary = useQuery({
    ...trpc.monitoring.openAlertSummary.queryOptions({
      ...(teamId ? { teamId } : {}),
      ...(projectId ? { projectId } : {}),
    }),
    refetchInterval: POLL_MS,
  });
  return (
    <Paper withBorder p="md" aria-label="Open alerts">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>Open alerts</Title>
          {summary.data && (
            <Group gap="md">
              {SEVERITIES.map((severity) => (
                <Text
                  key={severity}
                  size="sm"
                  c={summary.data.bySeverity[severity] > 0 ? SEVERITY_COLOR[severity] : 'dimmed'}
                  fw={600}
                >
                  {summary.data.bySeverity[severity]} {severity.toLowerCase()}
                </Text>
              ))}
            </Group>
          )}
        </Group>
        {summary.isPending ? (
          <Skeleton height={40} />
        ) : summary.isError ? (
          <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
        ) : summary.data.total === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing is alerting.
          </Text>
        ) : (
          <Stack gap={6}>
            {summary.data.latest.map((alert) => (
              <Group key={alert.id} gap="xs" wrap="nowrap" justify="space-between">
                <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                  <SeverityBadge severity={alert.severity} />
                  <Anchor
                    component={Link}
                    href={`/teams/${alert.teamId}/projects/${alert.projectId}/deployments/${alert.deploymentId}`}
                    size="sm"
                    truncate
                  >
                    {alert.ruleName}
                  </Anchor>
                  <Text size="xs" c="dimmed" truncate>
                    {projectId ? '' : `${alert.projectName} · `}
                    {alert.environment} · {formatMetricValue(alert.metric, alert.lastValue)}
                  </Text>
                </Group>
                <AlertStatusBadge status={alert.status} />
              </Group>
            ))}
            {summary.data.total > summary.data.latest.length && (
              <Text size="xs" c="dimmed">
                and {summary.data.total - summary.data.latest.length} more
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
