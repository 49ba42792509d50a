'use client';

import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconPlugConnected from '@tabler/icons-react/icons/IconPlugConnected';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ErrorState, LoadingRows } from '~/components/states';
import { errorMessage } from '~/lib/errors';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

const STATUS_COLOR = { PENDING: 'blue', SUCCEEDED: 'teal', FAILED: 'red' } as const;
const POLL_WHILE_PENDING_MS = 1_500;

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
                    <Text
                      size="sm"
                      ff={check.assumedArn ? 'monospace' : undefined}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {check.status === 'SUCCEEDED'
                        ? check.assumedArn
                        : check.status === 'FAILED'
                          ? `${check.errorCode}: ${check.errorMessage}`
                          : `Waiting for the worker (role ${check.roleArn ?? 'not set'})`}
                    </Text>
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
