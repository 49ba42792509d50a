'use client';

import { formatUsd } from '@cairn/core/deployments/cost-line';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import IconCoin from '@tabler/icons-react/icons/IconCoin';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { DailyCostChart } from '~/components/costs/daily-cost-chart';
import { MonthPicker } from '~/components/costs/month-picker';
import { SpendProgress } from '~/components/costs/spend-progress';
import { PageHeader } from '~/components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useTRPC } from '~/trpc/client';
import { RecomputeCostsForm } from './recompute-costs-form';

/** Org admins: every team's month-to-date spend against its budget, the forecast, the daily trend. */
export function OrgCostsView() {
  const trpc = useTRPC();
  const [month, setMonth] = useState<string | undefined>(undefined);
  const overview = useQuery(trpc.cost.overview.queryOptions({ month }));
  const data = overview.data;
  const teamName = new Map(data?.teams.map((team) => [team.teamId, team.name]) ?? []);
  const rows = data?.daily.map((day) => ({ day: day.day, ...day.byTeam })) ?? [];
  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[{ label: 'Home', href: '/' }, { label: 'Costs' }]}
        title="Costs"
        description="Estimated spend of every team from what ran, priced at us-east-1 on-demand list prices and recomputed every hour. The forecast extends the month-to-date daily average to the whole month."
        actions={<MonthPicker value={data?.month} onChange={setMonth} />}
      />
      {overview.isPending && <LoadingRows rows={4} />}
      {overview.isError && <ErrorState error={overview.error} onRetry={() => overview.refetch()} />}
      {data && (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Stat label="Spend this month, all teams" value={formatUsd(data.totalUsd)} />
            <Stat
              label="Teams over budget"
              value={String(data.teams.filter((team) => team.isOverBudget).length)}
            />
            <Stat
              label="Teams forecast over budget"
              value={String(data.teams.filter((team) => team.isForecastOverBudget).length)}
            />
          </SimpleGrid>
          <Title order={2} fz="lg">
            Teams
          </Title>
          {data.teams.length === 0 ? (
            <EmptyPanel
              icon={<IconCoin size={28} stroke={1.5} />}
              title="No teams yet"
              description="Teams appear here with their spend."
            />
          ) : (
            <Paper withBorder>
              <Table verticalSpacing="sm" aria-label="Spend by team">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Team</Table.Th>
                    <Table.Th w="35%">Month to date vs budget</Table.Th>
                    <Table.Th ta="right">Forecast to month end</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.teams.map((team) => (
                    <Table.Tr key={team.teamId}>
                      <Table.Td>
                        <Anchor component={Link} href={`/teams/${team.teamId}/costs`} fw={600}>
                          {team.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <SpendProgress
                          spentUsd={team.monthToDateUsd}
                          budgetUsd={team.budgetUsd}
                          label={`${team.name} spend against budget`}
                        />
                      </Table.Td>
                      <Table.Td ta="right">{formatUsd(team.forecastUsd)}</Table.Td>
                      <Table.Td>
                        {team.isOverBudget ? (
                          <Badge color="red">Over budget</Badge>
                        ) : team.isForecastOverBudget ? (
                          <Badge color="orange">Forecast over budget</Badge>
                        ) : team.budgetUsd === null ? (
                          <Badge color="gray">No budget</Badge>
                        ) : (
                          <Badge color="teal">Within budget</Badge>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
          <DailyCostChart
            title="Daily spend by team"
            rows={rows}
            series={[...teamName.entries()].map(([key, label]) => ({ key, label }))}
          />
        </>
      )}
      <RecomputeCostsForm />
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Text size="sm" c="dimmed">
            {label}
          </Text>
          <Text fz={24} fw={700}>
            {value}
          </Text>
        </div>
      </Group>
    </Paper>
  );
}
