'use client';

import {
  RELEASE_ENVIRONMENTS,
  type ReleaseEnvironment,
  requestApprovalInput,
} from '@cairn/core/schemas/approval-request';
import { Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { ENVIRONMENT_LABEL } from '~/components/release/release-badges';
import { type FieldErrors, zodFieldErrors } from '~/lib/errors';
import { formatUtc } from '~/lib/format';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

interface RequestApprovalFormProps {
  teamId: string;
  projectId: string;
  modelVersionId: string;
  onDone: () => void;
}

/** Asks the team's approvers to sign this version off for an environment, under the project's policy. */
export function RequestApprovalForm({ teamId, projectId, modelVersionId, onDone }: RequestApprovalFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [environment, setEnvironment] = useState<ReleaseEnvironment | null>('PROD');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const request = useMutation(
    trpc.approval.request.mutationOptions({
      onSuccess: async (created) => {
        notifications.show({
          color: 'teal',
          title: 'Approval requested',
          message: `The team's approvers are notified. The request expires ${formatUtc(created.expiresAt)}.`,
        });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.approval.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.modelVersion.timeline.pathKey() }),
        ]);
        onDone();
      },
      onError: (error) => reportFormError(error, 'Could not request approval', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = requestApprovalInput.safeParse({
      teamId,
      projectId,
      modelVersionId,
      environment: environment ?? '',
      notes,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    request.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The project's approval policy decides what it takes: its metric gates, and approvals from approvers
          who did not register this version or author its run.
        </Text>
        <Select
          label="Environment"
          data={RELEASE_ENVIRONMENTS.map((value) => ({ value, label: ENVIRONMENT_LABEL[value] }))}
          value={environment}
          onChange={(value) => setEnvironment(value as ReleaseEnvironment | null)}
          error={errors.environment}
          allowDeselect={false}
          required
          data-autofocus
        />
        <Textarea
          label="Notes for the approvers"
          placeholder="What changed since the version in production, what to look at"
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errors.notes ?? errors.modelVersionId}
          maxLength={2000}
          autosize
          minRows={3}
        />
        <FormActions submitLabel="Request approval" isSubmitting={request.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
