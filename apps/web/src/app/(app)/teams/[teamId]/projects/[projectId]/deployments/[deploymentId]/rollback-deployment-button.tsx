'use client';

import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import IconArrowBackUp from '@tabler/icons-react/icons/IconArrowBackUp';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { FormActions } from '~/components/form-actions';
import type { FieldErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

interface RollbackDeploymentButtonProps {
  teamId: string;
  deploymentId: string;
  projectPath: string;
  /** The version the endpoint goes back to, e.g. "v3". */
  previousLabel: string;
}

/** One click (and a reason) back to the previous deployment's config; opens the rollback's own page. */
export function RollbackDeploymentButton({
  teamId,
  deploymentId,
  projectPath,
  previousLabel,
}: RollbackDeploymentButtonProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [isOpen, modal] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const rollback = useMutation(
    trpc.deployment.rollback.mutationOptions({
      onSuccess: async (created) => {
        notifications.show({
          color: 'teal',
          title: 'Rollback started',
          message: `Returning to ${previousLabel}.`,
        });
        await queryClient.invalidateQueries({ queryKey: trpc.deployment.pathKey() });
        modal.close();
        router.push(`${projectPath}/deployments/${created.id}`);
      },
      onError: (error) => reportFormError(error, 'Could not roll back', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === '') {
      setErrors({ reason: 'Reason is required' });
      return;
    }
    rollback.mutate({ teamId, deploymentId, reason: reason.trim() });
  }

  return (
    <>
      <Button
        variant="default"
        color="orange"
        leftSection={<IconArrowBackUp size={16} />}
        onClick={modal.open}
      >
        Roll back
      </Button>
      <DeferredModal opened={isOpen} onClose={modal.close} title={`Roll back to ${previousLabel}?`} size="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">
              The endpoint returns to the previous deployment's endpoint config ({previousLabel}) all at once.
              The rollback is audited with your reason.
            </Text>
            <Textarea
              label="Reason"
              placeholder="p99 latency doubled after the update"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.reason}
              autosize
              minRows={2}
              maxLength={500}
              data-autofocus
            />
            <FormActions submitLabel="Roll back" isSubmitting={rollback.isPending} onCancel={modal.close} />
          </Stack>
        </form>
      </DeferredModal>
    </>
  );
}
