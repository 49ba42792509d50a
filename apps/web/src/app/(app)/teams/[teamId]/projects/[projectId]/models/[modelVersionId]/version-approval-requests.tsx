'use client';

import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import IconGavel from '@tabler/icons-react/icons/IconGavel';
import type { UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import { ENVIRONMENT_LABEL, RequestStatusBadge } from '~/components/release/release-badges';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { formatRelative, formatUtc } from '~/lib/format';
import type { RouterOutputs } from '~/trpc/outputs';

type Requests = RouterOutputs['approval']['listForVersion'];

/** The version's approval requests, newest first, each with its decisions and a link to its page. */
export function VersionApprovalRequests({
  query,
  teamId,
}: {
  query: UseQueryResult<Requests, unknown>;
  teamId: string;
}) {
  if (query.isPending) return <LoadingRows rows={2} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.length === 0)
    return (
      <EmptyPanel
        icon={<IconGavel size={28} />}
        title="No approval requests"
        description="Request approval to have the team's approvers sign this version off."
      />
    );
  return (
    <Stack gap="xs" aria-label="Approval requests of this version">
      {query.data.map((request) => (
        <Paper withBorder p="sm" key={request.id} data-testid="approval-request">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2}>
              <Group gap="xs">
                <RequestStatusBadge status={request.status} />
                <Badge color="dark" variant="outline">
                  {ENVIRONMENT_LABEL[request.environment]}
                </Badge>
                <Text size="sm" title={formatUtc(request.createdAt)}>
                  Requested {formatRelative(request.createdAt)} by {request.requestedBy.name}
                </Text>
              </Group>
              {request.notes && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  {request.notes}
                </Text>
              )}
              <Text size="xs" c="dimmed" title={formatUtc(request.decidedAt ?? request.expiresAt)}>
                {request.status === 'PENDING'
                  ? `Expires ${formatRelative(request.expiresAt)}`
                  : request.decidedAt
                    ? `Decided ${formatRelative(request.decidedAt)}`
                    : `Expired ${formatRelative(request.expiresAt)}`}
              </Text>
            </Stack>
            <Anchor component={Link} href={`/teams/${teamId}/approvals/${request.id}`} size="sm">
              Open request
            </Anchor>
          </Group>
          {request.decisions.length > 0 && (
            <Stack gap={2} mt="xs">
              {request.decisions.map((decision) => (
                <Text size="sm" key={decision.id}>
                  <Text span fw={600} c={decision.decision === 'APPROVE' ? 'teal' : 'red'}>
                    {decision.decision === 'APPROVE' ? 'Approved' : 'Rejected'}
                  </Text>{' '}
                  by {decision.user.name}{' '}
                  <Text span size="xs" c="dimmed" title={formatUtc(decision.decidedAt)}>
                    {formatRelative(decision.decidedAt)}
                  </Text>
                  {decision.comment && (
                    <Text span c="dimmed">
                      {' '}
                      — “{decision.comment}”
                    </Text>
                  )}
                </Text>
              ))}
            </Stack>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
