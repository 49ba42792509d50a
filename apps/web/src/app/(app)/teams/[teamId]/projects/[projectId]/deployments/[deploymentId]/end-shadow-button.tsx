'use client';

import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import IconPlayerStop from '@tabler/icons-react/icons/IconPlayerStop';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { FormActions } from '~/components/form-actions';
import type { FieldErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

/** Ends a shadow test before its days are up, after a confirmation (and an optional reason). */
export function EndShadowButton({ teamId, deploymentId }: { teamId: string; deploymentId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [isOpen, modal] = useDisclosure(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const end = useMutation(
    trpc.deployment.endShadow.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Ending the shadow variant',
          message: 'The endpoint moves to its production variants only; the timeline shows when it is done.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.deployment.pathKey() });
        modal.close();
      },
      onError: (error) => reportFormError(error, 'Could not end the shadow', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    end.mutate({ teamId, deploymentId, ...(reason.trim() ? { reason: reason.trim() } : {}) });
  }

  return (
    <>
      <Button
        variant="default"
        color="orange"
        size="xs"
        leftSection={<IconPlayerStop size={14} />}
        onClick={modal.open}
      >
        End shadow now
      </Button>
      <DeferredModal opened={isOpen} onClose={modal.close} title="End the shadow test now?" size="lg">
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">
              The endpoint moves to a config with its production variants only: production keeps serving, the
              shadow variant stops receiving copied requests and its instances are released. This is audited.
            </Text>
            <Textarea
              label="Reason (optional)"
              placeholder="Latency and errors match production"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.reason}
              autosize
              minRows={2}
              maxLength={500}
              data-autofocus
            />
            <FormActions submitLabel="End shadow" isSubmitting={end.isPending} onCancel={modal.close} />
          </Stack>
        </form>
      </DeferredModal>
    </>
  );
}
