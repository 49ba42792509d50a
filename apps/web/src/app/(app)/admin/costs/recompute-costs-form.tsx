'use client';

import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

const today = () => new Date().toISOString().slice(0, 10);

/** Org admins: have the worker recompute every team's costs for a range of days (backfill). */
export function RecomputeCostsForm() {
  const trpc = useTRPC();
  const [from, setFrom] = useState(() => `${today().slice(0, 7)}-01`);
  const [to, setTo] = useState(today);
  const [errors, setErrors] = useState<FieldErrors>({});
  const recompute = useMutation(
    trpc.cost.recompute.mutationOptions({
      onSuccess: () => {
        setErrors({});
        notifications.show({
          color: 'teal',
          title: 'Recomputation requested',
          message: 'The worker replaces the estimates of those days; reload this page in a minute.',
        });
      },
      onError: (error) => reportFormError(error, 'Could not request the recomputation', setErrors),
    }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The schema (and zod with it) loads on the first submit instead of with the costs page.
    const { recomputeCostsInput } = await import('@cairn/core/schemas/cost');
    sendIfValid(recomputeCostsInput, { from, to }, setErrors, (input) => recompute.mutate(input));
  }

  return (
    <Paper withBorder p="md">
      <form onSubmit={(event) => void submit(event)} noValidate aria-label="Recompute costs">
        <Stack gap="sm">
          <div>
            <Title order={2} fz="lg">
              Recompute costs
            </Title>
            <Text size="sm" c="dimmed">
              The worker recomputes yesterday and today every hour. After an outage, or to apply new prices,
              recompute a range of days for every team: each day's estimates are replaced.
            </Text>
          </div>
          <Group align="flex-start">
            <TextInput
              type="date"
              label="From"
              value={from}
              onChange={(e) => setFrom(e.currentTarget.value)}
              error={errors.from}
            />
            <TextInput
              type="date"
              label="To"
              value={to}
              onChange={(e) => setTo(e.currentTarget.value)}
              error={errors.to}
            />
          </Group>
          <Group>
            <Button type="submit" variant="default" loading={recompute.isPending}>
              Recompute
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
