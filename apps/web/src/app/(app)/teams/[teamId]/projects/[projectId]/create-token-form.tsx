'use client';

import { createApiTokenInput } from '@cairn/core/schemas/api-token';
import { Alert, Button, Code, CopyButton, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { formatDate } from '~/lib/format';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

interface CreateTokenFormProps {
  teamId: string;
  projectId: string;
  onDone: () => void;
}

/** Creates a token and then shows its secret, once; closing the modal forgets it. */
export function CreateTokenForm({ teamId, projectId, onDone }: CreateTokenFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [expiresInDays, setExpiresInDays] = useState<number | string>(90);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.token.create.mutationOptions({
      onSuccess: () =>
        queryClient.invalidateQueries({ queryKey: trpc.token.list.queryKey({ teamId, projectId }) }),
      onError: (error) => reportFormError(error, 'Could not create the token', setErrors),
    }),
  );

  if (create.data) {
    return (
      <Stack gap="sm">
        <Alert color="yellow" title="Copy the secret now">
          This is the only time Cairn shows it. It expires on {formatDate(create.data.expiresAt)}.
        </Alert>
        <Code block data-testid="token-secret" style={{ wordBreak: 'break-all' }}>
          {create.data.secret}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={create.data.secret}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onDone}>Done</Button>
        </Group>
      </Stack>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    sendIfValid(
      createApiTokenInput,
      {
        teamId,
        projectId,
        name,
        expiresInDays: typeof expiresInDays === 'number' ? expiresInDays : Number.NaN,
      },
      setErrors,
      (input) => create.mutate(input),
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          description="Where it is used, e.g. the training job's name"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          maxLength={100}
          data-autofocus
          required
        />
        <NumberInput
          label="Expires in (days)"
          value={expiresInDays}
          onChange={setExpiresInDays}
          error={errors.expiresInDays}
          min={1}
          max={365}
          allowDecimal={false}
        />
        <Text size="xs" c="dimmed">
          The token can write runs to this project only. Revoke it when the script no longer needs it.
        </Text>
        <FormActions submitLabel="Create token" isSubmitting={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
