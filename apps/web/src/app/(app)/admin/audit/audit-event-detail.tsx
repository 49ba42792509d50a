'use client';

import { Code, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { ResourceHistoryLink } from '~/components/resource-history-link';
import { Table } from '~/components/table';
import { diffJson } from '~/lib/json-diff';

interface AuditEventDetailProps {
  event: {
    resourceType: string;
    resourceId: string | null;
    teamId: string | null;
    reason: string | null;
    before: unknown;
    after: unknown;
    ip: string | null;
    userAgent: string | null;
    requestId: string | null;
    awsRequestId: string | null;
    hash: string;
  };
}

function Field({ label, value }: { label: string; value: string | null }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {value ?? '—'}
      </Text>
    </div>
  );
}

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
        {label}
      </Text>
      <Code block>{value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}</Code>
    </div>
  );
}

const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

/** What changed, field by field, when the event recorded a before or an after. */
function Changes({ before, after }: { before: unknown; after: unknown }) {
  const changes = diffJson(before, after);
  if (changes.length === 0) return null;
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
        Changes
      </Text>
      <Table withTableBorder fz="sm" aria-label="Changes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Field</Table.Th>
            <Table.Th>Before</Table.Th>
            <Table.Th>After</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((change) => (
            <Table.Tr key={change.path}>
              <Table.Td ff="monospace">{change.path}</Table.Td>
              <Table.Td
                ff="monospace"
                c={change.kind === 'added' ? 'dimmed' : 'red.8'}
                style={{ overflowWrap: 'anywhere' }}
              >
                {show(change.before)}
              </Table.Td>
              <Table.Td
                ff="monospace"
                c={change.kind === 'removed' ? 'dimmed' : 'teal.8'}
                style={{ overflowWrap: 'anywhere' }}
              >
                {show(change.after)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/** Everything recorded for one event: the where, the why, and the change itself. */
export function AuditEventDetail({ event }: AuditEventDetailProps) {
  return (
    <Stack gap="sm" py="xs">
      {event.resourceId && event.teamId && (
        <Group justify="flex-end">
          <ResourceHistoryLink
            resourceType={event.resourceType}
            resourceId={event.resourceId}
            teamId={event.teamId}
            label="All events of this resource"
          />
        </Group>
      )}
      {event.reason && <Field label="Reason" value={event.reason} />}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Field label="IP address" value={event.ip} />
        <Field label="Request id" value={event.requestId} />
        <Field label="AWS request id" value={event.awsRequestId} />
      </SimpleGrid>
      <Field label="User agent" value={event.userAgent} />
      <Changes before={event.before} after={event.after} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Json label="Before" value={event.before} />
        <Json label="After" value={event.after} />
      </SimpleGrid>
      <Field label="Hash" value={event.hash} />
    </Stack>
  );
}
