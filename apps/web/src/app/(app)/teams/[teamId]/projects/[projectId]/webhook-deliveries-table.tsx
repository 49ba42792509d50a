import { Badge, Paper, Text } from '@mantine/core';
import { Table } from '~/components/table';
import { formatRelative, formatUtc } from '~/lib/format';

const STATUS_COLOR = { PENDING: 'blue', DELIVERED: 'teal', FAILED: 'red' } as const;

interface Delivery {
  id: string;
  event: string;
  status: keyof typeof STATUS_COLOR;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
}

/** The latest deliveries, newest first, with what the receiver answered. */
export function WebhookDeliveriesTable({ deliveries }: { deliveries: ReadonlyArray<Delivery> }) {
  if (deliveries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing sent yet. Deliveries appear here as events happen.
      </Text>
    );
  return (
    <Paper withBorder>
      <Table verticalSpacing={6} aria-label="Webhook deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Attempts</Table.Th>
            <Table.Th ta="right">Response</Table.Th>
            <Table.Th>Error</Table.Th>
            <Table.Th>Sent</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deliveries.map((delivery) => (
            <Table.Tr key={delivery.id}>
              <Table.Td ff="monospace" fz="sm">
                {delivery.event}
              </Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[delivery.status]} variant="light">
                  {delivery.status.toLowerCase()}
                </Badge>
              </Table.Td>
              <Table.Td ta="right" fz="sm">
                {delivery.attempts}
              </Table.Td>
              <Table.Td ta="right" ff="monospace" fz="sm">
                {delivery.responseStatus ?? '—'}
              </Table.Td>
              <Table.Td
                fz="xs"
                c={delivery.lastError ? 'red' : 'dimmed'}
                maw={320}
                style={{ overflowWrap: 'anywhere' }}
              >
                {delivery.lastError ?? '—'}
              </Table.Td>
              <Table.Td fz="sm" title={formatUtc(delivery.deliveredAt ?? delivery.createdAt)}>
                {formatRelative(delivery.deliveredAt ?? delivery.createdAt)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
