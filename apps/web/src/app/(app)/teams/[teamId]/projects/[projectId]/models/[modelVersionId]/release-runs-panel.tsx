'use client';

import { Badge, Button, Code, Group, Paper, Stack, Text } from '@mantine/core';
import IconTimeline from '@tabler/icons-react/icons/IconTimeline';
import { type UseQueryResult, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DetailItem } from '~/components/detail-item';
import { type DecisionKind, DecisionModal } from '~/components/release/decision-modal';
import { PipelineRunStatusBadge } from '~/components/release/release-badges';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import type { RouterOutputs } from '~/trpc/outputs';
import { formatDuration } from '../../run-format';

type Runs = RouterOutputs['pipeline']['runsForVersion'];
type Run = Runs[number];

const KIND_LABEL = { CODEPIPELINE: 'CodePipeline', SAGEMAKER: 'SageMaker pipeline' } as const;

/** Pipeline executions that release this version, newest first, with any manual approval they wait at. */
export function ReleaseRunsPanel({
  query,
  teamId,
}: {
  query: UseQueryResult<Runs, unknown>;
  teamId: string;
}) {
  if (query.isPending) return <LoadingRows rows={2} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (query.data.length === 0)
    return (
      <EmptyPanel
        icon={<IconTimeline size={28} />}
        title="No release pipeline runs"
        description="Release pipelines start when an approval request is approved, or by hand from Start pipeline."
      />
    );
  return (
    <Stack gap="xs" aria-label="Release pipeline runs">
      {query.data.map((run) => (
        <ReleaseRun key={run.id} run={run} teamId={teamId} />
      ))}
    </Stack>
  );
}

function ReleaseRun({ run, teamId }: { run: Run; teamId: string }) {
  const variables = Object.entries(run.variables);
  return (
    <Paper withBorder p="sm" data-testid="release-run">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600} ff="monospace" size="sm">
            {run.pipeline.awsPipelineName}
          </Text>
          <Text size="xs" c="dimmed">
            {KIND_LABEL[run.pipeline.kind]}
            {run.awsExecutionId ? ` · ${run.awsExecutionId}` : ''}
          </Text>
        </div>
        <PipelineRunStatusBadge status={run.status} />
      </Group>
      <Group gap="xl" mt="xs">
        <DetailItem label="Started">
          <span title={formatUtc(run.startedAt ?? run.createdAt)}>
            {formatRelative(run.startedAt ?? run.createdAt)}
          </span>
        </DetailItem>
        <DetailItem label="Finished">
          {run.finishedAt ? (
            <span title={formatUtc(run.finishedAt)}>{formatRelative(run.finishedAt)}</span>
          ) : (
            '—'
          )}
        </DetailItem>
        <DetailItem label="Duration">
          {run.startedAt ? formatDuration(run.startedAt, run.finishedAt) : 'Not started'}
        </DetailItem>
      </Group>
      {run.statusReason && (
        <Text
          size="xs"
          mt="xs"
          c={run.status === 'FAILED' ? 'red' : undefined}
          style={{ overflowWrap: 'anywhere' }}
        >
          {run.statusReason}
        </Text>
      )}
      {variables.length > 0 && (
        <Stack gap={2} mt="xs">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Variables
          </Text>
          {variables.map(([name, value]) => (
            <Text size="xs" key={name} style={{ overflowWrap: 'anywhere' }}>
              <Code>{name}</Code> = <Code>{value}</Code>
            </Text>
          ))}
        </Stack>
      )}
      {run.waitingApproval && <WaitingApproval run={run} waiting={run.waitingApproval} teamId={teamId} />}
      {!run.waitingApproval && run.approvalAnswer && (
        <Text size="xs" mt="xs" c="dimmed">
          Manual approval answered: {run.approvalAnswer.status}
          {run.approvalAnswer.summary ? ` — “${run.approvalAnswer.summary}”` : ''}
        </Text>
      )}
    </Paper>
  );
}

function WaitingApproval({
  run,
  waiting,
  teamId,
}: {
  run: Run;
  waiting: NonNullable<Run['waitingApproval']>;
  teamId: string;
}) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<DecisionKind | null>(null);
  const answer = useMutation(
    trpc.pipeline.answerApproval.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.pipeline.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.modelVersion.timeline.pathKey() }),
        ]),
    }),
  );
  const canAnswer = can(viewer, teamId, 'release:decide') && !run.approvalAnswer;
  const at = `${waiting.stageName}/${waiting.actionName}`;
  return (
    <Paper withBorder p="xs" mt="xs" bg="var(--mantine-color-yellow-light)" data-testid="waiting-approval">
      <Group justify="space-between" wrap="nowrap">
        <div>
          <Text size="sm" fw={600}>
            Waiting for approval at {at}
          </Text>
          <Text size="xs" c="dimmed" title={formatUtc(waiting.since)}>
            since {formatRelative(waiting.since)}
            {run.approvalAnswer ? ` · answered ${run.approvalAnswer.status}, sending to CodePipeline…` : ''}
          </Text>
        </div>
        {canAnswer && (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" color="red" variant="default" onClick={() => setDecision('reject')}>
              Reject
            </Button>
            <Button size="xs" color="teal" onClick={() => setDecision('approve')}>
              Approve
            </Button>
          </Group>
        )}
        {!canAnswer && !run.approvalAnswer && (
          <Badge color="gray" variant="light">
            an approver answers
          </Badge>
        )}
      </Group>
      <DecisionModal
        opened={decision !== null}
        onClose={() => setDecision(null)}
        decision={decision ?? 'approve'}
        subject={`the ${at} action of ${run.pipeline.awsPipelineName}`}
        isCommentRequired={decision === 'reject'}
        commentLabel="Summary for CodePipeline"
        maxLength={512}
        consequence={
          decision === 'reject'
            ? 'CodePipeline stops this execution at the action.'
            : 'CodePipeline continues this execution past the action.'
        }
        onSubmit={(summary) =>
          answer.mutateAsync({
            teamId,
            runId: run.id,
            decision: decision === 'reject' ? 'Rejected' : 'Approved',
            summary,
          })
        }
      />
    </Paper>
  );
}
