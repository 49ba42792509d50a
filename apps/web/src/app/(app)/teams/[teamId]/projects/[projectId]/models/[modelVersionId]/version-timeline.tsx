'use client';

import { Paper, Text, Timeline } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconX from '@tabler/icons-react/icons/IconX';
import { useQuery } from '@tanstack/react-query';
import { ErrorState, LoadingRows } from '~/components/states';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

const OUTCOME_COLOR = { SUCCESS: 'teal', DENIED: 'orange', FAILED: 'red' } as const;

/** The version's story from the audit trail, oldest first: registration, requests, decisions, pipelines. */
export function VersionTimeline({
  teamId,
  modelVersionId,
  poll,
}: {
  teamId: string;
  modelVersionId: string;
  poll: number | false;
}) {
  const trpc = useTRPC();
  const timeline = useQuery({
    ...trpc.modelVersion.timeline.queryOptions({ teamId, modelVersionId }),
    refetchInterval: poll,
  });
  if (timeline.isPending) return <LoadingRows rows={3} />;
  if (timeline.isError) return <ErrorState error={timeline.error} onRetry={() => timeline.refetch()} />;
  if (timeline.data.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing recorded yet.
      </Text>
    );
  return (
    <Paper withBorder p="md">
      <Timeline bulletSize={20} lineWidth={2} aria-label="History">
        {timeline.data.map((event) => (
          <Timeline.Item
            key={event.seq}
            color={OUTCOME_COLOR[event.outcome]}
            bullet={event.outcome === 'SUCCESS' ? <IconCheck size={12} /> : <IconX size={12} />}
            title={
              <Text size="sm" fw={600}>
                {event.title}
              </Text>
            }
          >
            {event.detail && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {event.detail}
              </Text>
            )}
            <Text size="xs" c="dimmed" title={formatUtc(event.at)}>
              {event.actorLabel} · {formatRelative(event.at)}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  );
}
