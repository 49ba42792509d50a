'use client';

import { setUserDisabledInput } from '@cairn/core/schemas/user';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { zodFieldErrors } from '~/lib/errors';

interface DisableUserModalProps {
  user: { id: string; email: string } | null;
  isSaving: boolean;
  onClose: () => void;
  onDisable: (input: { userId: string; isDisabled: true; reason: string }) => void;
}

/** Asks why before disabling: the reason goes to the audit trail and the access review. */
export function DisableUserModal({ user, isSaving, onClose, onDisable }: DisableUserModalProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!user) return;
    const parsed = setUserDisabledInput.safeParse({ userId: user.id, isDisabled: true, reason });
    if (!parsed.success) {
      setError(zodFieldErrors(parsed.error).reason);
      return;
    }
    onDisable({ userId: user.id, isDisabled: true, reason: parsed.data.reason ?? reason });
  }

  function close() {
    setReason('');
    setError(undefined);
    onClose();
  }

  return (
    <DeferredModal opened={user !== null} onClose={close} title={user ? `Disable ${user.email}?` : ''}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            Their sessions end on their next request, their API tokens stop working, and they cannot sign in
            until enabled again.
          </Text>
          <Textarea
            label="Reason"
            description="Kept in the audit trail and shown in this review."
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            maxLength={500}
            autosize
            minRows={2}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={isSaving}>
              Disable user
            </Button>
          </Group>
        </Stack>
      </form>
    </DeferredModal>
  );
}
