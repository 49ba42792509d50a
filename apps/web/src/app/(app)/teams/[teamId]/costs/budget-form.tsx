'use client';

import { saveBudgetInput } from '@cairn/core/schemas/budget';
import { Button, Group, NumberInput, Paper, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

export interface EditedBudget {
  projectId: string | null;
  monthlyUsd: number;
  thresholdsPercent: number[];
  ownerId: string | null;
}

const TEAM_WIDE = 'team';

/** Creates or changes a budget (org admins). Saving a scope that has a budget updates it. */
export function BudgetForm({
  teamId,
  budget,
  projects,
  owners,
  onDone,
}: {
  teamId: string;
  budget: EditedBudget | null;
  projects: Array<{ id: string; name: string }>;
  owners: Array<{ id: string; name: string; email: string }>;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [scope, setScope] = useState(budget?.projectId ?? TEAM_WIDE);
  const [monthlyUsd, setMonthlyUsd] = useState<number | string>(budget?.monthlyUsd ?? '');
  const [thresholds, setThresholds] = useState((budget?.thresholdsPercent ?? [50, 80, 100]).join(', '));
  const [ownerId, setOwnerId] = useState<string | null>(budget?.ownerId ?? null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation(
    trpc.budget.save.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Budget saved',
          message: 'The change is in the audit trail.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.budget.list.queryKey({ teamId }) });
        onDone();
      },
      onError: (error) => reportFormError(error, 'Could not save the budget', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    sendIfValid(
      saveBudgetInput,
      {
        teamId,
        projectId: scope === TEAM_WIDE ? null : scope,
        monthlyUsd: typeof monthlyUsd === 'number' ? monthlyUsd : Number.NaN,
        thresholdsPercent: thresholds
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((value) => Number(value.replace('%', ''))),
        ownerId,
      },
      setErrors,
      (input) => save.mutate(input),
    );
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate aria-label="Budget">
        <Stack gap="sm">
          <Select
            label="Applies to"
            data={[
              { value: TEAM_WIDE, label: 'The whole team' },
              ...projects.map((p) => ({ value: p.id, label: p.name })),
            ]}
            value={scope}
            onChange={(value) => value && setScope(value)}
            allowDeselect={false}
            disabled={budget !== null}
            error={errors.projectId}
          />
          <NumberInput
            label="Monthly budget (USD)"
            value={monthlyUsd}
            onChange={setMonthlyUsd}
            min={0}
            decimalScale={2}
            thousandSeparator=","
            error={errors.monthlyUsd}
          />
          <TextInput
            label="Alert thresholds (% of the budget)"
            description="Comma separated; each raises an alert once a month when spend reaches it."
            value={thresholds}
            onChange={(e) => setThresholds(e.currentTarget.value)}
            error={errors.thresholdsPercent}
          />
          <Select
            label="Owner"
            description="Notified with the team's admins and the organization admins."
            data={owners.map((owner) => ({ value: owner.id, label: `${owner.name} (${owner.email})` }))}
            value={ownerId}
            onChange={setOwnerId}
            clearable
            placeholder="No owner"
            error={errors.ownerId}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save budget
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
