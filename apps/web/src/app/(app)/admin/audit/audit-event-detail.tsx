'use client';

import { Code, SimpleGrid, Stack, Text } from '@mantine/core';

interface AuditEventDetailProps {
  event: {
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

/** Everything recorded for one event: the where, the why, and the change itself. */
export function AuditEventDetail({ event }: AuditEventDetailProps) {
  return (
    <Stack gap="sm" py="xs">
      {event.reason && <Field label="Reason" value={event.reason} />}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Field label="IP address" value={event.ip} />
        <Field label="Request id" value={event.requestId} />
        <Field label="AWS request id" value={event.awsRequestId} />
      </SimpleGrid>
      <Field label="User agent" value={event.userAgent} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Json label="Before" value={event.before} />
        <Json label="After" value={event.after} />
      </SimpleGrid>
      <Field label="Hash" value={event.hash} />
    </Stack>
  );
}
