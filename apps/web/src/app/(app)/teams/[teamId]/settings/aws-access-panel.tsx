'use client';

import { Badge, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconPlugConnected from '@tabler/icons-react/icons/IconPlugConnected';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { errorMessage } from '~/lib/errors';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

const STATUS_COLOR = { PENDING: 'blue', SUCCEEDED: 'teal', FAILED: 'red' } as const;
const POLL_WHILE_PENDING_MS = 1_500;

interface AwsCheck {
  status: keyof typeof STATUS_COLOR;
  roleArn: string | null;
  assumedArn: string | null;
  account: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  awsRequestId: string | null;
}

/** What AWS answered: who the worker became and in which account, or why it could not. */
function AwsCheckResult({ check }: { check: AwsCheck }) {
  const role = (
    <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
      Role {check.roleArn ?? 'not set'}
    </Text>
  );
  if (check.status === 'PENDING') {
    return (
      <Stack gap={2}>
        <Text size="sm">Waiting for the worker</Text>
        {role}
      </Stack>
    );
  }
  if (check.status === 'SUCCEEDED') {
    return (
      <Stack gap={2}>
        <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
          {check.assumedArn}
        </Text>
        <Text size="xs" c="dimmed">
          Account <Code>{check.account ?? 'unknown'}</Code>
        </Text>
        {role}
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Text size="sm" c="red" fw={600}>
        {check.errorCode ?? 'Failed'}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {check.errorMessage}
      </Text>
      {role}
      {check.awsRequestId && (
        <Text size="xs" c="dimmed">
          AWS request id <Code>{check.awsRequestId}</Code>
        </Text>
      )}
    </Stack>
  );
}

/** Asks the worker to assume the team's role now, and shows what AWS answered, newest first. */
export function AwsAccessPanel({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const checks = useQuery({
    ...trpc.team.awsChecks.queryOptions({ teamId }),
    refetchInterval: (query) =>
      query.state.data?.some((check) => check.status === 'PENDING') ? POLL_WHILE_PENDING_MS : false,
  });
  const start = useMutation(
    trpc.team.checkAwsAccess.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.team.awsChecks.queryKey({ teamId }) }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not start the check',
          message: errorMessage(error),
        }),
    }),
  );
  const isPending = checks.data?.some((check) => check.status === 'PENDING') ?? false;

  return (
    <Paper withBorder p="lg">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={3} fz="lg">
              AWS access
            </Title>
            <Text size="sm" c="dimmed" maw={560}>
              The worker assumes the role above, with you as source identity, and asks AWS who it is. Save the
              settings first.
            </Text>
          </div>
          <Button
            variant="default"
            leftSection={<IconPlugConnected size={16} />}
            loading={start.isPending || isPending}
            onClick={() => start.mutate({ teamId })}
          >
            Check access
          </Button>
        </Group>
        {checks.isPending && <LoadingRows rows={2} />}
        {checks.isError && <ErrorState error={checks.error} onRetry={() => checks.refetch()} />}
        {checks.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            Not checked yet.
          </Text>
        )}
        {checks.data && checks.data.length > 0 && (
          <Table verticalSpacing="xs" aria-label="AWS access checks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {checks.data.map((check) => (
                <Table.Tr key={check.id}>
                  <Table.Td title={formatUtc(check.createdAt)} style={{ whiteSpace: 'nowrap' }}>
                    {formatRelative(check.createdAt)}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[check.status]} variant="light">
                      {check.status.toLowerCase()}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <AwsCheckResult check={check} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
