'use client';

import { Alert, Button, Group, Paper, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconInfoCircle from '@tabler/icons-react/icons/IconInfoCircle';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type DecisionKind, DecisionModal } from '~/components/release/decision-modal';
import { useTRPC } from '~/trpc/client';

interface DecisionBarProps {
  teamId: string;
  requestId: string;
  subject: string;
  viewer: { canDecide: boolean; cannotDecideReason: string | null };
  approvalsMissing: number;
}

/** Approve or Reject for a viewer who may decide; for anyone else, the reason they may not. */
export function DecisionBar({ teamId, requestId, subject, viewer, approvalsMissing }: DecisionBarProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<DecisionKind | null>(null);
  const decide = useMutation(
    trpc.approval.decide.mutationOptions({
      onSuccess: (result) =>
        notifications.show({
          color: 'teal',
          title: 'Decision recorded',
          message: decisionOutcome(result.status, result.evaluation.approvalsMissing),
        }),
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.approval.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.notification.pathKey() }),
        ]),
    }),
  );

  if (!viewer.canDecide)
    return (
      <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} data-testid="cannot-decide">
        {viewer.cannotDecideReason ?? 'You cannot decide on this request.'}
      </Alert>
    );
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-blue-light)">
      <Group justify="space-between">
        <Text size="sm">
          {approvalsMissing > 0
            ? `Your decision is needed: ${approvalsMissing} more ${approvalsMissing === 1 ? 'approval' : 'approvals'} to go.`
            : 'The quorum is met; you may still decide.'}
        </Text>
        <Group gap="xs">
          <Button color="red" variant="default" onClick={() => setDecision('reject')}>
            Reject
          </Button>
          <Button color="teal" onClick={() => setDecision('approve')}>
            Approve
          </Button>
        </Group>
      </Group>
      <DecisionModal
        opened={decision !== null}
        onClose={() => setDecision(null)}
        decision={decision ?? 'approve'}
        subject={subject}
        isCommentRequired={decision === 'reject'}
        consequence={
          decision === 'reject'
            ? 'A valid rejection closes the request: the version is rejected, in SageMaker too.'
            : 'Your approval counts toward the quorum. When the gates pass and the quorum is met, the version is approved, its SageMaker status follows and release pipelines start.'
        }
        onSubmit={(comment) =>
          decide.mutateAsync({
            teamId,
            requestId,
            decision: decision === 'reject' ? 'REJECT' : 'APPROVE',
            comment,
          })
        }
      />
    </Paper>
  );
}

function decisionOutcome(status: string, approvalsMissing: number): string {
  if (status !== 'PENDING') return `The request is now ${status.toLowerCase()}.`;
  if (approvalsMissing > 0)
    return `The request stays open: ${approvalsMissing} more ${approvalsMissing === 1 ? 'approval is' : 'approvals are'} needed.`;
  return 'The request stays open until every gate passes.';
}
