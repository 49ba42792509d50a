'use client';

import { formatUsd } from '@cairn/core/deployments/cost-line';
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { SpendProgress } from '~/components/costs/spend-progress';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { errorMessage } from '~/lib/errors';
import { formatDateTime } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import type { EditedBudget } from './budget-form';

// The form and its input schema load when it opens, not with the page.
const BudgetForm = dynamic(() => import('./budget-form').then((module) => module.BudgetForm), {
  ssr: false,
  loading: () => <LoadingRows rows={3} height={36} />,
});

/** The team's budgets with this month's spend and the thresholds crossed; org admins edit them. */
export function BudgetsPanel({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const budgets = useQuery(trpc.budget.list.queryOptions({ teamId }));
  const [editing, setEditing] = useState<EditedBudget | 'new' | null>(null);
  const remove = useMutation(
    trpc.budget.delete.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Budget removed',
          message: 'The change is in the audit trail.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.budget.list.queryKey({ teamId }) });
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not remove the budget',
          message: errorMessage(error),
        }),
    }),
  );
  const data = budgets.data;

  function confirmRemove(budget: { id: string; projectName: string | null }) {
    modals.openConfirmModal({
      title: 'Remove this budget?',
      children: (
        <Text size="sm">
          The {budget.projectName ? `${budget.projectName} project` : 'team-wide'} budget and its recorded
          threshold crossings are removed.
        </Text>
      ),
      labels: { confirm: 'Remove budget', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate({ teamId, budgetId: budget.id }),
    });
  }

  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Title order={2} fz="lg">
          Budgets
        </Title>
        {data?.canEdit && editing === null && (
          <Button variant="default" onClick={() => setEditing('new')}>
            Add budget
          </Button>
        )}
      </Group>
      {budgets.isPending && <LoadingRows rows={2} />}
      {budgets.isError && <ErrorState error={budgets.error} onRetry={() => budgets.refetch()} />}
      {data && editing !== null && (
        <BudgetForm
          teamId={teamId}
          budget={editing === 'new' ? null : editing}
          projects={data.projects}
          owners={data.owners}
          onDone={() => setEditing(null)}
        />
      )}
      {data && data.budgets.length === 0 && (
        <Text size="sm" c="dimmed">
          No budget set.{' '}
          {data.canEdit
            ? 'Add one to be alerted as spend passes its thresholds.'
            : 'An organization admin can set one.'}
        </Text>
      )}
      {data?.budgets.map((budget) => {
        const scope = budget.projectName ? `${budget.projectName} (project)` : 'Team-wide';
        return (
          <Paper key={budget.id} component="section" withBorder p="md" aria-label={`${scope} budget`}>
            <Stack gap="sm">
              <Group justify="space-between" align="flex-start">
                <div>
                  <Text fw={600}>{scope}</Text>
                  <Text size="sm" c="dimmed">
                    {formatUsd(budget.monthlyUsd)} a month · alerts at{' '}
                    {budget.thresholdsPercent.map((p) => `${p}%`).join(', ')}
                    {budget.owner ? ` · owner ${budget.owner.name}` : ''}
                  </Text>
                </div>
                {data.canEdit && (
                  <Group gap="xs">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() =>
                        setEditing({
                          projectId: budget.projectId,
                          monthlyUsd: budget.monthlyUsd,
                          thresholdsPercent: budget.thresholdsPercent,
                          ownerId: budget.owner?.id ?? null,
                        })
                      }
                      aria-label={`Edit ${scope} budget`}
                    >
                      Edit
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => confirmRemove(budget)}
                      aria-label={`Remove ${scope} budget`}
                    >
                      Remove
                    </Button>
                  </Group>
                )}
              </Group>
              <SpendProgress
                spentUsd={budget.spentUsd}
                budgetUsd={budget.monthlyUsd}
                label={`${scope} spend this month against budget`}
              />
              {budget.crossings.length > 0 && (
                <Table verticalSpacing={4} aria-label={`${scope} threshold crossings`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Month</Table.Th>
                      <Table.Th>Threshold</Table.Th>
                      <Table.Th ta="right">Spent when crossed</Table.Th>
                      <Table.Th>Crossed at</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {budget.crossings.map((crossing) => (
                      <Table.Tr key={crossing.id}>
                        <Table.Td>{new Date(crossing.month).toISOString().slice(0, 7)}</Table.Td>
                        <Table.Td>
                          <Badge
                            color={
                              crossing.thresholdPercent >= 100
                                ? 'red'
                                : crossing.thresholdPercent >= 80
                                  ? 'orange'
                                  : 'yellow'
                            }
                          >
                            {crossing.thresholdPercent}%
                          </Badge>
                        </Table.Td>
                        <Table.Td ta="right">{formatUsd(crossing.spentUsd)}</Table.Td>
                        <Table.Td>{formatDateTime(crossing.crossedAt)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
