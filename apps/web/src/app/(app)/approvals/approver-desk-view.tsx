'use client';

import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import IconCircleCheck from '@tabler/icons-react/icons/IconCircleCheck';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Hint } from '~/components/hint';
import { PageHeader } from '~/components/page-header';
import { ENVIRONMENT_LABEL } from '~/components/release/release-badges';
import { ScrollBox } from '~/components/scroll-box';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { canDecideSomewhere } from '~/lib/access';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

export const DESK_POLL_MS = 15_000;

/** The approver's desk: open requests in the viewer's teams, oldest first, each a link to its evidence. */
export function ApproverDeskView() {
  const trpc = useTRPC();
  const viewer = useViewer();
  const desk = useQuery({ ...trpc.approval.desk.queryOptions(), refetchInterval: DESK_POLL_MS });
  const isApprover = canDecideSomewhere(viewer);

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[{ label: 'Home', href: '/' }, { label: 'Approvals' }]}
        title="Approvals"
        description="Model versions waiting for your sign-off, oldest first. Open one to weigh its evidence and decide."
      />
      {desk.isPending && <LoadingRows rows={4} />}
      {desk.isError && <ErrorState error={desk.error} onRetry={() => desk.refetch()} />}
      {desk.data?.items.length === 0 && (
        <EmptyPanel
          icon={<IconCircleCheck size={28} />}
          title="Nothing waits for you"
          description={
            isApprover
              ? 'No approval request is open in your teams. New requests show up here and in your notifications.'
              : 'Requests wait here for approvers. You are not an approver or admin in any team, so none are yours to decide.'
          }
        />
      )}
      {desk.data && desk.data.items.length > 0 && (
        <Paper withBorder>
          <ScrollBox>
            <Table verticalSpacing="sm" aria-label="Approval requests waiting" miw={880}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Model version</Table.Th>
                  <Table.Th>Team / project</Table.Th>
                  <Table.Th>Environment</Table.Th>
                  <Table.Th>Requested</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Approvals</Table.Th>
                  <Table.Th>Gates</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {desk.data.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Anchor
                        component={Link}
                        href={`/teams/${item.teamId}/approvals/${item.id}`}
                        fw={600}
                        size="sm"
                      >
                        {item.modelGroupName} v{item.version}
                      </Anchor>
                      {!item.canDecide && item.cannotDecideReason && (
                        <Hint label={item.cannotDecideReason} maxWidth={360}>
                          <Text size="xs" c="dimmed">
                            You cannot decide on this one
                          </Text>
                        </Hint>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.teamName}</Text>
                      <Text size="xs" c="dimmed">
                        {item.projectName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color="dark" variant="outline">
                        {ENVIRONMENT_LABEL[item.environment]}
                      </Badge>
                    </Table.Td>
                    <Table.Td title={formatUtc(item.createdAt)}>
                      <Text size="sm">{formatRelative(item.createdAt)}</Text>
                      <Text size="xs" c="dimmed">
                        by {item.requestedBy.name}
                      </Text>
                    </Table.Td>
                    <Table.Td title={formatUtc(item.expiresAt)}>
                      <Text size="sm">{formatRelative(item.expiresAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {item.validApprovals}/{item.approvalsNeeded}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {item.failingGates === 0 ? (
                        <Badge color="teal" variant="light">
                          all pass
                        </Badge>
                      ) : (
                        <Badge color="red" variant="light">
                          {item.failingGates} not passing
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
        </Paper>
      )}
      {desk.data && desk.data.items.length > 0 && (
        <Group>
          <Text size="xs" c="dimmed">
            Refreshing every {DESK_POLL_MS / 1000} seconds.
          </Text>
        </Group>
      )}
    </Stack>
  );
}
