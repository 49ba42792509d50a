'use client';

import type { RunDetail } from '@cairn/services/tracking/tracking-views';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  UnstyledButton,
} from '@mantine/core';
import IconArrowDown from '@tabler/icons-react/icons/IconArrowDown';
import IconArrowsDiff from '@tabler/icons-react/icons/IconArrowsDiff';
import IconArrowUp from '@tabler/icons-react/icons/IconArrowUp';
import IconChartLine from '@tabler/icons-react/icons/IconChartLine';
import IconSelector from '@tabler/icons-react/icons/IconSelector';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import { formatMetricValue } from '~/components/charts/format-metric';
import { ScrollBox } from '~/components/scroll-box';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { serverFieldErrors } from '~/lib/errors';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { formatDuration, isSystemTag } from '../../run-format';
import { RunStatusBadge } from '../../run-status-badge';
import { ColumnPicker } from './column-picker';
import { RunsFilter } from './runs-filter';
import {
  type ColumnId,
  nextSort,
  orderByTerm,
  type RunsQueryState,
  readRunsQuery,
  type SortEntity,
  type SortTerm,
  writeRunsQuery,
} from './runs-query';

const PAGE_SIZE = 50;
const MAX_COMPARED = 10;
const DEFAULT_COLUMNS_PER_KIND = 4;
const POLL_WHILE_RUNNING_MS = 5_000;

interface RunsTableProps {
  teamId: string;
  projectId: string;
  experimentId: string;
}

/** An experiment's runs: MLflow filter and order_by on the server, keyset pages, selection to compare. */
export function RunsTable({ teamId, projectId, experimentId }: RunsTableProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const state = readRunsQuery(searchParams);
  const [selected, setSelected] = useState<string[]>([]);
  const [isDeletedShown, setDeletedShown] = useState(false);

  const input = {
    teamId,
    experimentIds: [experimentId],
    filter: state.filter || undefined,
    orderBy: state.order ? [orderByTerm(state.order)] : undefined,
    maxResults: PAGE_SIZE,
    runViewType: isDeletedShown ? ('ALL' as const) : ('ACTIVE_ONLY' as const),
  };
  const runs = useInfiniteQuery({
    queryKey: [...trpc.run.search.queryKey(input), 'pages'],
    // Pages are fetched fresh each time: a live refetch must not be served from the cache.
    queryFn: ({ pageParam }) =>
      queryClient.fetchQuery({
        ...trpc.run.search.queryOptions({ ...input, pageToken: pageParam }),
        staleTime: 0,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextPageToken ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.runs.some((run) => run.status === 'RUNNING'))
        ? POLL_WHILE_RUNNING_MS
        : false,
  });
  const metricKeys = useQuery(trpc.run.metricKeys.queryOptions({ teamId, experimentId }));

  const rows = runs.isError ? [] : (runs.data?.pages.flatMap((page) => page.runs) ?? []);
  const paramKeys = distinctKeys(rows.map((run) => run.params));
  const tagKeys = distinctKeys(rows.map((run) => run.tags.filter((tag) => !isSystemTag(tag.key))));
  const columns: ColumnId[] = state.columns ?? [
    ...(metricKeys.data ?? [])
      .slice(0, DEFAULT_COLUMNS_PER_KIND)
      .map((key) => ({ entity: 'metrics' as const, key })),
    ...paramKeys.slice(0, DEFAULT_COLUMNS_PER_KIND).map((key) => ({ entity: 'params' as const, key })),
  ];
  const fieldErrors = runs.isError ? serverFieldErrors(runs.error) : {};
  const queryError = fieldErrors.filter ?? fieldErrors.orderBy;

  // Native history calls update useSearchParams without a server render of the page. A new
  // filter or order is a step Back can undo; a column change just rewrites the current entry.
  function navigate(next: RunsQueryState, mode: 'push' | 'replace' = 'push') {
    const query = writeRunsQuery(next);
    const url = query ? `${pathname}?${query}` : pathname;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }

  function toggle(runId: string, isChecked: boolean) {
    setSelected((current) =>
      isChecked ? [...current.filter((id) => id !== runId), runId] : current.filter((id) => id !== runId),
    );
  }

  const canCompare = selected.length >= 2 && selected.length <= MAX_COMPARED;
  const compareHref = `/teams/${teamId}/projects/${projectId}/compare?runs=${selected.join(',')}`;
  const sortHeader = (label: string, entity: SortEntity, key: string) => (
    <SortHeader
      label={label}
      sort={state.order}
      entity={entity}
      sortKey={key}
      onSort={() => navigate({ ...state, order: nextSort(state.order, entity, key) })}
    />
  );

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <RunsFilter
          value={state.filter}
          error={queryError}
          onApply={(filter) => navigate({ ...state, filter })}
        />
        <Group gap="sm" align="center">
          <Switch
            label="Show deleted"
            checked={isDeletedShown}
            onChange={(event) => setDeletedShown(event.currentTarget.checked)}
          />
          <ColumnPicker
            metricKeys={metricKeys.data ?? []}
            paramKeys={paramKeys}
            tagKeys={tagKeys}
            value={columns}
            onChange={(next) => navigate({ ...state, columns: next }, 'replace')}
            onReset={() => navigate({ ...state, columns: null }, 'replace')}
          />
          {canCompare ? (
            <Button component={Link} href={compareHref} leftSection={<IconArrowsDiff size={16} />}>
              Compare ({selected.length})
            </Button>
          ) : (
            <Button
              disabled
              leftSection={<IconArrowsDiff size={16} />}
              title={`Select 2 to ${MAX_COMPARED} runs to compare`}
            >
              Compare ({selected.length})
            </Button>
          )}
        </Group>
      </Group>
      {selected.length > MAX_COMPARED && (
        <Text size="sm" c="orange">
          Compare takes at most {MAX_COMPARED} runs; {selected.length} are selected.
        </Text>
      )}
      {runs.isPending && <LoadingRows rows={5} />}
      {runs.isError && !queryError && <ErrorState error={runs.error} onRetry={() => runs.refetch()} />}
      {runs.isSuccess && rows.length === 0 && (
        <EmptyPanel
          icon={<IconChartLine size={28} />}
          title={state.filter ? 'No runs match this filter' : 'No runs yet'}
          description={
            state.filter
              ? 'Loosen the filter, or clear it to see every run of the experiment.'
              : 'Runs appear here as soon as training code starts logging to this experiment.'
          }
        />
      )}
      {rows.length > 0 && (
        <Paper withBorder>
          <ScrollBox>
            <Table
              verticalSpacing="xs"
              aria-label="Runs"
              style={{ whiteSpace: 'nowrap', minWidth: 'max-content' }}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={36} aria-label="Select" />
                  <Table.Th>{sortHeader('Run', 'attributes', 'run_name')}</Table.Th>
                  <Table.Th>{sortHeader('Status', 'attributes', 'status')}</Table.Th>
                  <Table.Th>{sortHeader('Started', 'attributes', 'start_time')}</Table.Th>
                  <Table.Th>Duration</Table.Th>
                  <Table.Th>{sortHeader('User', 'attributes', 'user_id')}</Table.Th>
                  {columns.map((column) => (
                    <Table.Th
                      key={`${column.entity}.${column.key}`}
                      ta={column.entity === 'metrics' ? 'right' : undefined}
                    >
                      {sortHeader(column.key, column.entity, column.key)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((run) => (
                  <RunRow
                    key={run.id}
                    run={run}
                    href={`/teams/${teamId}/projects/${projectId}/runs/${run.id}`}
                    columns={columns}
                    isSelected={selected.includes(run.id)}
                    onToggle={(isChecked) => toggle(run.id, isChecked)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </ScrollBox>
        </Paper>
      )}
      {runs.hasNextPage && !runs.isError && (
        <Group justify="center">
          <Button
            variant="default"
            size="xs"
            loading={runs.isFetchingNextPage}
            onClick={() => runs.fetchNextPage()}
          >
            Load more runs
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function RunRow({
  run,
  href,
  columns,
  isSelected,
  onToggle,
}: {
  run: RunDetail;
  href: string;
  columns: ReadonlyArray<ColumnId>;
  isSelected: boolean;
  onToggle: (isChecked: boolean) => void;
}) {
  const label = run.name || run.id.slice(0, 8);
  return (
    <Table.Tr bg={isSelected ? 'var(--mantine-primary-color-light)' : undefined}>
      <Table.Td>
        <Checkbox
          aria-label={`Select ${label}`}
          checked={isSelected}
          onChange={(event) => onToggle(event.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        <Anchor component={Link} href={href} size="sm" fw={500}>
          {label}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <RunStatusBadge status={run.status} />
          {run.lifecycleStage === 'deleted' && <Badge color="gray">deleted</Badge>}
        </Group>
      </Table.Td>
      <Table.Td title={formatUtc(run.startTime)}>{formatRelative(run.startTime)}</Table.Td>
      <Table.Td>{formatDuration(run.startTime, run.endTime)}</Table.Td>
      <Table.Td>{run.userName || '—'}</Table.Td>
      {columns.map((column) => (
        <Table.Td
          key={`${column.entity}.${column.key}`}
          ta={column.entity === 'metrics' ? 'right' : undefined}
          ff={column.entity === 'tags' ? undefined : 'monospace'}
          fz="sm"
        >
          {cellValue(run, column)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
}

function cellValue(run: RunDetail, column: ColumnId): ReactNode {
  if (column.entity === 'metrics') {
    const metric = run.metrics.find((item) => item.key === column.key);
    return metric ? formatMetricValue(metric.value) : '—';
  }
  const list = column.entity === 'params' ? run.params : run.tags;
  return list.find((item) => item.key === column.key)?.value ?? '—';
}

function SortHeader({
  label,
  sort,
  entity,
  sortKey,
  onSort,
}: {
  label: string;
  sort: SortTerm | null;
  entity: SortEntity;
  sortKey: string;
  onSort: () => void;
}) {
  const isActive = sort?.entity === entity && sort.key === sortKey;
  const Icon = !isActive ? IconSelector : sort.isAscending ? IconArrowUp : IconArrowDown;
  return (
    <UnstyledButton
      onClick={onSort}
      aria-label={`Sort by ${label}`}
      aria-pressed={isActive}
      data-sort={isActive ? (sort.isAscending ? 'ascending' : 'descending') : undefined}
      fw={600}
      fz="sm"
    >
      <Group gap={4} wrap="nowrap">
        {label}
        <Icon size={14} opacity={isActive ? 1 : 0.4} />
      </Group>
    </UnstyledButton>
  );
}

function distinctKeys(lists: ReadonlyArray<ReadonlyArray<{ key: string }>>): string[] {
  return [...new Set(lists.flatMap((list) => list.map((item) => item.key)))].sort();
}
