'use client';

import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import IconRefresh from '@tabler/icons-react/icons/IconRefresh';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { ErrorState, LoadingRows } from '~/components/states';
import { errorMessage } from '~/lib/errors';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { WebhookDeliveriesTable } from './webhook-deliveries-table';
import { WebhookSecretNotice } from './webhook-secret-notice';

// The form holds the webhook schema (and zod); it shows once the webhook has loaded, so it loads then.
const WebhookForm = dynamic(() => import('./webhook-form').then((module) => module.WebhookForm), {
  loading: () => <LoadingRows rows={3} />,
});

const POLL_WHILE_DELIVERING_MS = 5_000;

interface WebhookPanelProps {
  teamId: string;
  projectId: string;
  isArchived: boolean;
}

/** The project's outgoing webhook (team admins): where events go, its signing secret, its deliveries. */
export function WebhookPanel({ teamId, projectId, isArchived }: WebhookPanelProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { teamId, projectId };
  const [secret, setSecret] = useState<string | null>(null);
  const webhook = useQuery({
    ...trpc.webhook.get.queryOptions(ref),
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((delivery) => delivery.status === 'PENDING')
        ? POLL_WHILE_DELIVERING_MS
        : false,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhook.get.queryKey(ref) });
  const rotate = useMutation(
    trpc.webhook.rotateSecret.mutationOptions({
      onSuccess: async (result) => {
        setSecret(result.secret);
        await refresh();
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not rotate the secret',
          message: errorMessage(error),
        }),
    }),
  );
  const remove = useMutation(
    trpc.webhook.delete.mutationOptions({
      onSuccess: async () => {
        setSecret(null);
        notifications.show({ color: 'teal', title: 'Webhook deleted', message: 'No more events are sent.' });
        await refresh();
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not delete the webhook',
          message: errorMessage(error),
        }),
    }),
  );

  function confirmRotate() {
    modals.openConfirmModal({
      title: 'Rotate the signing secret?',
      children: (
        <Text size="sm">
          Deliveries are signed with a new secret from now on. The receiver rejects them until it has the new
          one.
        </Text>
      ),
      labels: { confirm: 'Rotate secret', cancel: 'Cancel' },
      confirmProps: { color: 'orange' },
      onConfirm: () => rotate.mutate(ref),
    });
  }

  function confirmDelete() {
    modals.openConfirmModal({
      title: 'Delete the webhook?',
      children: <Text size="sm">No more events are sent, and its delivery history goes with it.</Text>,
      labels: { confirm: 'Delete webhook', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => remove.mutate(ref),
    });
  }

  const current = webhook.data?.webhook ?? null;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={3} fz="lg">
            Webhook
          </Title>
          <Text size="sm" c="dimmed">
            Cairn POSTs release events here as JSON, signed with HMAC-SHA256 of the body under the secret.
          </Text>
        </div>
        {current && !isArchived && (
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} />}
              loading={rotate.isPending}
              onClick={confirmRotate}
            >
              Rotate secret
            </Button>
            <Button
              variant="default"
              color="red"
              leftSection={<IconTrash size={16} />}
              loading={remove.isPending}
              onClick={confirmDelete}
            >
              Delete
            </Button>
          </Group>
        )}
      </Group>
      {webhook.isPending && <LoadingRows rows={2} />}
      {webhook.isError && <ErrorState error={webhook.error} onRetry={() => webhook.refetch()} />}
      {secret && <WebhookSecretNotice secret={secret} onDismiss={() => setSecret(null)} />}
      {webhook.data && (
        <Paper withBorder p="md">
          {current && (
            <Group gap="xs" mb="sm">
              <Badge color={current.isEnabled ? 'teal' : 'gray'} variant="light">
                {current.isEnabled ? 'enabled' : 'disabled'}
              </Badge>
              <Text size="xs" c="dimmed" title={formatUtc(current.updatedAt)}>
                Changed {formatRelative(current.updatedAt)}
              </Text>
            </Group>
          )}
          {isArchived ? (
            <Text size="sm" c="dimmed">
              {current ? current.url : 'No webhook.'} The project is archived, so it cannot be changed.
            </Text>
          ) : (
            <WebhookForm
              key={current?.updatedAt.toISOString() ?? 'new'}
              teamId={teamId}
              projectId={projectId}
              current={current}
              onSecret={setSecret}
            />
          )}
        </Paper>
      )}
      {current && webhook.data && <WebhookDeliveriesTable deliveries={webhook.data.deliveries} />}
    </Stack>
  );
}
