'use client';

import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { errorMessage, serverFieldErrors } from '~/lib/errors';

export type DecisionKind = 'approve' | 'reject';

interface DecisionModalProps {
  opened: boolean;
  onClose: () => void;
  decision: DecisionKind;
  /** e.g. "fraud-scorer v3 for Prod". */
  subject: string;
  isCommentRequired: boolean;
  commentLabel?: string;
  maxLength?: number;
  /** What deciding does, said on the confirmation step. */
  consequence: ReactNode;
  /** Sends the decision; a refusal comes back as the server's message under the comment. */
  onSubmit: (comment: string) => Promise<unknown>;
}

/**
 * Approve or reject in two steps: the comment, then a confirmation that says what happens. The
 * server's refusal (self-approval, role, expiry, a missing reason) is shown under the comment.
 */
export function DecisionModal({
  opened,
  onClose,
  decision,
  subject,
  isCommentRequired,
  commentLabel = 'Comment',
  maxLength = 2000,
  consequence,
  onSubmit,
}: DecisionModalProps) {
  const [stage, setStage] = useState<'comment' | 'confirm'>('comment');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const verb = decision === 'approve' ? 'Approve' : 'Reject';
  const color = decision === 'approve' ? 'teal' : 'red';

  function close() {
    setStage('comment');
    setComment('');
    setError(null);
    onClose();
  }

  function next() {
    if (isCommentRequired && comment.trim() === '') {
      setError(decision === 'reject' ? 'Say why you reject: a comment is required' : 'A comment is required');
      return;
    }
    setError(null);
    setStage('confirm');
  }

  async function confirm() {
    setSubmitting(true);
    try {
      await onSubmit(comment.trim());
      close();
    } catch (caught) {
      const fields = serverFieldErrors(caught);
      setError(fields.comment ?? fields.summary ?? errorMessage(caught));
      setStage('comment');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <DeferredModal opened={opened} onClose={close} title={`${verb} ${subject}`} size="lg">
      {stage === 'comment' ? (
        <Stack gap="sm">
          <Textarea
            label={commentLabel}
            description={isCommentRequired ? 'Required' : 'Optional, kept with your decision'}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            error={error}
            maxLength={maxLength}
            autosize
            minRows={3}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color={color} onClick={next}>
              Continue
            </Button>
          </Group>
        </Stack>
      ) : (
        <Stack gap="sm">
          <Alert color={color} variant="light" title={`${verb} ${subject}?`}>
            <Stack gap={4}>
              <Text size="sm">{consequence}</Text>
              {comment.trim() && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                  “{comment.trim()}”
                </Text>
              )}
            </Stack>
          </Alert>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setStage('comment')} disabled={isSubmitting}>
              Back
            </Button>
            <Button color={color} onClick={confirm} loading={isSubmitting}>
              Confirm: {verb.toLowerCase()}
            </Button>
          </Group>
        </Stack>
      )}
    </DeferredModal>
  );
}
