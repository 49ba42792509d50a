'use client';

import { formatMetricValue } from '@cairn/core/monitoring/metric-catalogue';
import { Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { FormActions } from '~/components/form-actions';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { errorCode, errorMessage } from '~/lib/errors';
import { useTRPC } from '~/trpc/client';
import type { RouterOutputs } from '~/trpc/outputs';
import { AlertStatusBadge, SeverityBadge } from './alert-badges';

const POLL_MS = 30_000;
type AlertRow = RouterOutputs['monitoring']['alerts'][number];
type StatusFilter = 'OPEN' | 'ALL';

interface AlertsPanelProps {
  teamId: string;
  projectId: string;
  /** Only this deployment's alerts; absent: the whole project's. */
  deploymentId?: string;
}

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const at = (date: Date | string | null) => (date ? `${when.format(new Date(date))} UTC` : '');

/** Open and recent alerts; engineers acknowledge a firing one with a note saying what they are doing. */
export function AlertsPanel({ teamId, projectId, deploymentId }: AlertsPanelProps) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const canAcknowledge = can(viewer, teamId, 'project:write');
  const [filter, setFilter] = useState<StatusFilter>('OPEN');
  const [acknowledging, setAcknowledging] = useState<AlertRow | null>(null);
  const alerts = useQuery({
    ...trpc.monitoring.alerts.queryOptions({
      teamId,
      projectId,
      ...(deploymentId ? { deploymentId } : {}),
      ...(filter === 'OPEN' ? { status: 'OPEN' as const } : {}),
      limit: 50,
    }),
    refetchInterval: POLL_MS,
  });
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Alerts</Title>
        <SegmentedControl
          aria-label="Which alerts"
          size="xs"
          value={filter}
          onChange={(value) => setFilter(value as StatusFilter)}
          data={[
            { value: 'OPEN', label: 'Open' },
            { value: 'ALL', label: 'Recent' },
          ]}
        />
      </Group>
      {alerts.isPending ? (
        <LoadingRows rows={2} />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : alerts.data.length === 0 ? (
        <Paper withBorder p="lg">
          <Text size="sm" c="dimmed" ta="center">
            {filter === 'OPEN' ? 'No open alerts.' : 'No alerts yet.'}
          </Text>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" aria-label="Alerts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Rule</Table.Th>
                {!deploymentId && <Table.Th>Endpoint</Table.Th>}
                <Table.Th>Status</Table.Th>
                <Table.Th>Fired</Table.Th>
                <Table.Th>Value</Table.Th>
                <Table.Th>Acknowledged</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alerts.data.map((alert) => (
                <Table.Tr key={alert.id}>
                  <Table.Td>
                    <SeverityBadge severity={alert.severity} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {alert.ruleName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {alert.condition}
                    </Text>
                  </Table.Td>
                  {!deploymentId && (
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {alert.deployment.awsResourceName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {alert.deployment.environment.name}
                      </Text>
                    </Table.Td>
                  )}
                  <Table.Td>
                    <AlertStatusBadge status={alert.status} />
                    {alert.resolvedAt && (
                      <Text size="xs" c="dimmed">
                        {at(alert.resolvedAt)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{at(alert.firedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {formatMetricValue(alert.metric, alert.lastValue)}
                    </Text>
                    {alert.lastValue !== alert.firstValue && (
                      <Text size="xs" c="dimmed">
                        first {formatMetricValue(alert.metric, alert.firstValue)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {alert.acknowledgedAt ? (
                      <>
                        <Text size="sm">
                          {alert.acknowledgedByEmail ?? 'Someone'}, {at(alert.acknowledgedAt)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {alert.acknowledgeNote}
                        </Text>
                      </>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canAcknowledge && alert.status === 'FIRING' && (
                      <Button size="xs" variant="light" onClick={() => setAcknowledging(alert)}>
                        Acknowledge
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {acknowledging && (
        <AcknowledgeModal teamId={teamId} alert={acknowledging} onClose={() => setAcknowledging(null)} />
      )}
    </Stack>
  );
}

function AcknowledgeModal({
  teamId,
  alert,
  onClose,
}: {
  teamId: string;
  alert: AlertRow;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const acknowledge = useMutation(
    trpc.monitoring.acknowledge.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', title: 'Alert acknowledged', message: alert.ruleName });
        await queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
        onClose();
      },
      onError: async (failure) => {
        if (errorCode(failure) === 'CONFLICT') {
          // Someone else got there first, or it resolved: say so, and show the alert as it is now.
          notifications.show({
            color: 'yellow',
            title: 'Nothing to acknowledge',
            message: errorMessage(failure),
          });
          await queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
          onClose();
          return;
        }
        setError(errorMessage(failure));
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (note.trim() === '') {
      setError('Say what you are doing about the alert');
      return;
    }
    acknowledge.mutate({ teamId, alertId: alert.id, note: note.trim() });
  }

  return (
    <DeferredModal opened onClose={onClose} title={`Acknowledge “${alert.ruleName}”`} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            The alert stays open until its condition clears; your name, the time and your note are recorded
            and shown to the team.
          </Text>
          <Textarea
            label="Note"
            placeholder="Rolling back to the previous version"
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            error={error}
            required
            autosize
            minRows={2}
            maxLength={2000}
            data-autofocus
          />
          <FormActions submitLabel="Acknowledge" isSubmitting={acknowledge.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </DeferredModal>
  );
}
