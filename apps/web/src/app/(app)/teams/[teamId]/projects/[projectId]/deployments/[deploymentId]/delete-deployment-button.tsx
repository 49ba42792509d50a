'use client';

import { Button, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import type { FieldErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

interface DeleteDeploymentButtonProps {
  teamId: string;
  deploymentId: string;
  resourceName: string;
  isBatch: boolean;
}

/** Takes the endpoint (or job) out of service, after its name is typed again and a reason given. */
export function DeleteDeploymentButton({
  teamId,
  deploymentId,
  resourceName,
  isBatch,
}: DeleteDeploymentButtonProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isOpen, modal] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [confirmName, setConfirmName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const what = isBatch ? 'transform job' : 'endpoint';
  const remove = useMutation(
    trpc.deployment.delete.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', title: `Deleting the ${what}`, message: resourceName });
        await queryClient.invalidateQueries({ queryKey: trpc.deployment.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.environment.pathKey() });
        modal.close();
      },
      onError: (error) => reportFormError(error, `Could not delete the ${what}`, setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    if (reason.trim() === '') found.reason = 'Reason is required';
    if (confirmName.trim() !== resourceName) found.confirmName = `Type ${resourceName} to confirm`;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    remove.mutate({ teamId, deploymentId, reason: reason.trim(), confirmName: confirmName.trim() });
  }

  return (
    <>
      <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={modal.open}>
        Delete
      </Button>
      <DeferredModal
        opened={isOpen}
        onClose={modal.close}
        title={`Delete ${what} ${resourceName}?`}
        size="lg"
      >
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">
              {isBatch
                ? 'The transform job is stopped; its partial output stays in S3.'
                : 'The endpoint stops answering requests and its instances are released. Callers get errors until another version is deployed.'}{' '}
              Who deleted it and why is recorded in the audit trail.
            </Text>
            <Textarea
              label="Reason"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.reason}
              autosize
              minRows={2}
              maxLength={500}
              data-autofocus
            />
            <TextInput
              label={`Type ${resourceName} to confirm`}
              value={confirmName}
              onChange={(event) => setConfirmName(event.currentTarget.value)}
              error={errors.confirmName}
              autoComplete="off"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            />
            <Group justify="flex-end" mt="xs">
              <Button variant="default" onClick={modal.close}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={remove.isPending}>
                Delete {what}
              </Button>
            </Group>
          </Stack>
        </form>
      </DeferredModal>
    </>
  );
}
