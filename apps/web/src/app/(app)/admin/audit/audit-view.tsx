'use client';

import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconDownload from '@tabler/icons-react/icons/IconDownload';
import IconShieldCheck from '@tabler/icons-react/icons/IconShieldCheck';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { Fragment, useState } from 'react';
import { PageHeader } from '~/components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { errorMessage } from '~/lib/errors';
import { formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { AuditEventDetail } from './audit-event-detail';
import {
  type AuditFilterValues,
  auditExportSearchParams,
  auditFiltersToSearchParams,
} from './audit-filter-params';
import { AuditFilters } from './audit-filters';
import { AuditVerifyResult } from './audit-verify-result';

const PAGE_SIZE = 50;
const OUTCOME_COLOR = { SUCCESS: 'teal', DENIED: 'orange', FAILED: 'red' } as const;

function toQueryInput(filters: AuditFilterValues) {
  return {
    teamId: filters.teamId ?? undefined,
    actor: filters.actor.trim() || undefined,
    action: filters.action.trim() || undefined,
    resourceType: filters.resourceType.trim() || undefined,
    resourceId: filters.resourceId.trim() || undefined,
    outcome: filters.outcome ?? undefined,
    from: filters.fromDate ? new Date(`${filters.fromDate}T00:00:00.000Z`) : undefined,
    to: filters.toDate ? new Date(`${filters.toDate}T23:59:59.999Z`) : undefined,
    limit: PAGE_SIZE,
  };
}

/** The audit trail, filtered by the page's query string (resource pages link here with theirs). */
export function AuditView({ initialFilters }: { initialFilters: AuditFilterValues }) {
  const viewer = useViewer();
  const trpc = useTRPC();
  const teams = useQuery(trpc.team.list.queryOptions());
  const readableTeams = (teams.data ?? []).filter((team) => viewer.isOrgAdmin || team.role === 'ADMIN');
  const defaultTeamId = viewer.isOrgAdmin ? null : (viewer.teams.find((t) => t.role === 'ADMIN')?.id ?? null);
  const router = useRouter();
  const [filters, setFilters] = useState<AuditFilterValues>({
    ...initialFilters,
    teamId: initialFilters.teamId ?? defaultTeamId,
  });
  const [expandedSeq, setExpandedSeq] = useState<string | null>(null);
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(toQueryInput(filters), {
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const verify = useMutation(
    trpc.audit.verify.mutationOptions({
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Verification failed to run',
          message: errorMessage(error),
        }),
    }),
  );
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[{ label: 'Home', href: '/' }, { label: 'Audit trail' }]}
        title="Audit trail"
        description="Every change and every refused attempt, newest first. Rows are hash-chained: editing, deleting, inserting or reordering one breaks the chain."
        actions={
          viewer.isOrgAdmin ? (
            <Button
              leftSection={<IconShieldCheck size={16} />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
            >
              Verify integrity
            </Button>
          ) : null
        }
      />
      {verify.data && <AuditVerifyResult report={verify.data} />}
      <AuditFilters
        initial={filters}
        teams={readableTeams.map((team) => ({ value: team.id, label: team.name }))}
        isTeamRequired={!viewer.isOrgAdmin}
        onApply={(next) => {
          setExpandedSeq(null);
          setFilters(next);
          router.replace(`/admin/audit?${auditFiltersToSearchParams(next)}`, { scroll: false });
        }}
      />
      <Group justify="flex-end" gap="xs">
        <Text size="xs" c="dimmed">
          Export these filters, oldest first:
        </Text>
        {(['csv', 'jsonl'] as const).map((format) => (
          <Button
            key={format}
            component="a"
            href={`/api/audit/export?${auditExportSearchParams(filters, format)}`}
            variant="default"
            size="xs"
            leftSection={<IconDownload size={14} />}
          >
            {format === 'csv' ? 'CSV' : 'JSON Lines'}
          </Button>
        ))}
      </Group>
      {events.isPending && <LoadingRows rows={8} height={36} />}
      {events.isError && <ErrorState error={events.error} onRetry={() => events.refetch()} />}
      {events.isSuccess && rows.length === 0 && (
        <EmptyPanel
          icon={<IconShieldCheck size={28} />}
          title="No events"
          description="Nothing matches these filters."
        />
      )}
      {rows.length > 0 && (
        <Paper withBorder>
          <Table verticalSpacing="xs" highlightOnHover aria-label="Audit events">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>When (UTC)</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Resource</Table.Th>
                <Table.Th>Team</Table.Th>
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((event) => (
                <Fragment key={event.seq}>
                  <Table.Tr
                    style={{ cursor: 'pointer' }}
                    onClick={() => setExpandedSeq(expandedSeq === event.seq ? null : event.seq)}
                    aria-expanded={expandedSeq === event.seq}
                  >
                    <Table.Td c="dimmed">{event.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatUtc(event.occurredAt).replace(' UTC', '')}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" truncate maw={240}>
                        {event.actorLabel}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {event.actorType.toLowerCase()}
                      </Text>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {event.action}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{event.resourceType}</Text>
                      {event.resourceId && (
                        <Text size="xs" c="dimmed" ff="monospace" truncate maw={220}>
                          {event.resourceId}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{event.teamName ?? '—'}</Table.Td>
                    <Table.Td>
                      <Badge color={OUTCOME_COLOR[event.outcome]} variant="light">
                        {event.outcome.toLowerCase()}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                  {expandedSeq === event.seq && (
                    <Table.Tr>
                      <Table.Td colSpan={7} bg="var(--mantine-color-gray-0)">
                        <AuditEventDetail event={event} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {events.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={events.isFetchingNextPage}
            onClick={() => events.fetchNextPage()}
          >
            Load older events
          </Button>
        </Group>
      )}
    </Stack>
  );
}
