'use client';

import { saveProjectWebhookInput, WEBHOOK_EVENTS, type WebhookEvent } from '@cairn/core/schemas/webhook';
import { Button, Checkbox, Group, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type FieldErrors, zodFieldErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

const EVENT_LABEL: Record<WebhookEvent, string> = {
  'model_version.registered': 'A model version is registered',
  'model_version.approved': 'A model version is approved',
  'model_version.rejected': 'A model version is rejected',
  'pipeline_run.finished': 'A pipeline run finishes',
  'alert.fired': 'A deployment alert fires',
  'alert.resolved': 'A deployment alert resolves',
  'budget.threshold_crossed': "The team's or this project's budget passes a threshold",
};

interface WebhookFormProps {
  teamId: string;
  projectId: string;
  current: { url: string; events: string[]; isEnabled: boolean } | null;
  /** Called with the signing secret when the webhook is created. */
  onSecret: (secret: string) => void;
}

export function WebhookForm({ teamId, projectId, current, onSecret }: WebhookFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(current?.url ?? '');
  const [events, setEvents] = useState<string[]>(current?.events ?? [...WEBHOOK_EVENTS]);
  const [isEnabled, setEnabled] = useState(current?.isEnabled ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation(
    trpc.webhook.save.mutationOptions({
      onSuccess: async (result) => {
        if (result.secret) onSecret(result.secret);
        notifications.show({
          color: 'teal',
          title: result.secret ? 'Webhook created' : 'Webhook saved',
          message: result.webhook.isEnabled
            ? `Events go to ${result.webhook.url}.`
            : 'It sends nothing while disabled.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.webhook.get.queryKey({ teamId, projectId }) });
      },
      onError: (error) => reportFormError(error, 'Could not save the webhook', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = saveProjectWebhookInput.safeParse({ teamId, projectId, url, events, isEnabled });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    save.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="URL"
          placeholder="https://hooks.example.com/cairn"
          description="A public address: deliveries to loopback, private networks and instance metadata are refused unless the install allows them"
          value={url}
          onChange={(e) => setUrl(e.currentTarget.value)}
          error={errors.url}
          maxLength={2048}
          required
        />
        <Checkbox.Group label="Events" value={events} onChange={setEvents} error={errors.events}>
          <Stack gap={6} mt={6}>
            {WEBHOOK_EVENTS.map((name) => (
              <Checkbox key={name} value={name} label={`${EVENT_LABEL[name]} (${name})`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Switch label="Enabled" checked={isEnabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {current ? 'Save webhook' : 'Create webhook'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
