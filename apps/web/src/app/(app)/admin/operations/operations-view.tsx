'use client';

import { Badge, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { notifications } from '@mantine/notifications';
import IconStack2 from '@tabler/icons-react/icons/IconStack2';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '~/components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { errorMessage } from '~/lib/errors';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

const REFRESH_MS = 5_000;

/** The worker's queues: what waits, what runs, what failed and why; failed jobs can be retried. */
export function OperationsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queues = useQuery({ ...trpc.ops.queues.queryOptions(), refetchInterval: REFRESH_MS });
  const failed = useInfiniteQuery(
    trpc.ops.failedJobs.infiniteQueryOptions({ limit: 25 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const retry = useMutation(
    trpc.ops.retryJob.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Job sent back',
          message: 'The worker will try it again.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.ops.pathKey() });
      },
      onError: (error) =>
        notifications.show({ color: 'red', title: 'Could not retry the job', message: errorMessage(error) }),
    }),
  );
  const failedJobs = failed.data?.pages.flatMap((page) => page.items) ?? [];

  function confirmRetry(job: { id: string; queue: string }) {
    modals.openConfirmModal({
      title: 'Retry this job?',
      children: (
        <Text size="sm">
          The {job.queue} job gets a fresh set of attempts. AWS work is idempotent, so a retry never creates a
          second resource.
        </Text>
      ),
      labels: { confirm: 'Retry job', cancel: 'Cancel' },
      onConfirm: () => retry.mutate({ queue: job.queue, jobId: job.id }),
    });
  }

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[{ label: 'Home', href: '/' }, { label: 'Operations' }]}
        title="Operations"
        description="Every AWS action goes through these queues. Failed jobs used up their retries; the error is the last attempt's."
      />
      <Title order={3} fz="lg">
        Queues
      </Title>
      {queues.isPending && <LoadingRows rows={3} />}
      {queues.isError && <ErrorState error={queues.error} onRetry={() => queues.refetch()} />}
      {queues.data && (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label="Queues">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Queue</Table.Th>
                <Table.Th ta="right">Waiting</Table.Th>
                <Table.Th ta="right">Active</Table.Th>
                <Table.Th ta="right">Completed</Table.Th>
                <Table.Th ta="right">Failed</Table.Th>
                <Table.Th ta="right">Retries</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queues.data.map((queue) => (
                <Table.Tr key={queue.name}>
                  <Table.Td ff="monospace" fz="sm">
                    {queue.name}
                  </Table.Td>
                  <Table.Td ta="right">{queue.waiting}</Table.Td>
                  <Table.Td ta="right">{queue.active}</Table.Td>
                  <Table.Td ta="right">{queue.completed}</Table.Td>
                  <Table.Td ta="right">
                    {queue.failed > 0 ? <Badge color="red">{queue.failed}</Badge> : 0}
                  </Table.Td>
                  <Table.Td ta="right">{queue.retryLimit}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <Title order={3} fz="lg">
        Failed jobs
      </Title>
      {failed.isPending && <LoadingRows rows={3} />}
      {failed.isError && <ErrorState error={failed.error} onRetry={() => failed.refetch()} />}
      {failed.isSuccess && failedJobs.length === 0 && (
        <EmptyPanel
          icon={<IconStack2 size={28} />}
          title="No failed jobs"
          description="Everything the worker took on finished."
        />
      )}
      {failedJobs.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing="sm" aria-label="Failed jobs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Queue</Table.Th>
                <Table.Th>Error</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Failed</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {failedJobs.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>
                    <Text ff="monospace" fz="sm">
                      {job.queue}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {job.id}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={560}>
                    <Code block style={{ whiteSpace: 'pre-wrap' }}>
                      {job.error}
                    </Code>
                  </Table.Td>
                  <Table.Td>{job.attempts}</Table.Td>
                  <Table.Td title={formatUtc(job.failedAt)}>{formatRelative(job.failedAt)}</Table.Td>
                  <Table.Td ta="right">
                    <Button size="xs" variant="default" onClick={() => confirmRetry(job)}>
                      Retry
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {failed.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={failed.isFetchingNextPage}
            onClick={() => failed.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}
