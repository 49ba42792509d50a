'use client';

import { formatUsd } from '@cairn/core/deployments/cost-line';
import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import IconDownload from '@tabler/icons-react/icons/IconDownload';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { DailyCostChart } from '~/components/costs/daily-cost-chart';
import { MonthPicker } from '~/components/costs/month-picker';
import { PageHeader } from '~/components/page-header';
import { ErrorState, LoadingRows, NotFoundState } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { useTRPC } from '~/trpc/client';
import { BudgetsPanel } from './budgets-panel';
import { CostBreakdowns } from './cost-breakdowns';

/** Last day of the month starting at `month` (YYYY-MM-01), as YYYY-MM-DD. */
function monthEnd(month: string): string {
  const start = new Date(`${month}T00:00:00Z`);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

/** A team's spend: totals, forecast, daily chart, breakdowns, top spenders, budgets and the CSV export. */
export function TeamCostsView() {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const isAllowed = can(viewer, team.id, 'team:settings');
  const costs = useQuery({ ...trpc.cost.team.queryOptions({ teamId: team.id, month }), enabled: isAllowed });

  if (!isAllowed) return <NotFoundState what="page" backHref={`/teams/${team.id}`} />;
  const data = costs.data;
  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          ...(viewer.isOrgAdmin ? [{ label: 'Costs', href: '/admin/costs' }] : []),
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Costs' },
        ]}
        title={`${team.name} costs`}
        description="Estimated from what ran (instance-hours by type and count, serverless, transform and pipeline runs) at us-east-1 on-demand list prices; recomputed every hour."
        actions={
          <Group align="flex-end">
            <MonthPicker value={data?.month} onChange={setMonth} />
            {data && (
              <Button
                component="a"
                href={`/teams/${team.id}/costs/export?from=${data.month}&to=${monthEnd(data.month)}`}
                variant="default"
                leftSection={<IconDownload size={16} />}
              >
                Export CSV
              </Button>
            )}
          </Group>
        }
      />
      {costs.isPending && <LoadingRows rows={4} />}
      {costs.isError && <ErrorState error={costs.error} onRetry={() => costs.refetch()} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Paper withBorder p="md">
              <Text size="sm" c="dimmed">
                Spend this month
              </Text>
              <Text fz={24} fw={700}>
                {formatUsd(data.monthToDateUsd)}
              </Text>
            </Paper>
            <Paper withBorder p="md">
              <Text size="sm" c="dimmed">
                Forecast to month end (daily average so far x days in the month)
              </Text>
              <Text fz={24} fw={700}>
                {formatUsd(data.forecastUsd)}
              </Text>
            </Paper>
          </SimpleGrid>
          <DailyCostChart
            title="Daily spend"
            rows={data.daily.map((day) => ({ day: day.day, spend: day.usd }))}
            series={[{ key: 'spend', label: 'Spend' }]}
          />
          <CostBreakdowns costs={data} />
        </>
      )}
      <BudgetsPanel teamId={team.id} />
    </Stack>
  );
}
