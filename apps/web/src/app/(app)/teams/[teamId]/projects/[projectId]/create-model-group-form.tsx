'use client';

import { createModelGroupInput } from '@cairn/core/schemas/model-group';
import { Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

/** A new model group: a name and a description, checked with the server's schema before it is sent. */
export function CreateModelGroupForm({
  teamId,
  projectId,
  onDone,
}: {
  teamId: string;
  projectId: string;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.modelGroup.create.mutationOptions({
      onSuccess: async (group) => {
        notifications.show({
          color: 'teal',
          title: 'Model group created',
          message: `${group.name} is being created in SageMaker.`,
        });
        await queryClient.invalidateQueries({
          queryKey: trpc.modelGroup.list.queryKey({ teamId, projectId }),
        });
        onDone();
      },
      onError: (error) => reportFormError(error, 'Could not create the model group', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    sendIfValid(createModelGroupInput, { teamId, projectId, name, description }, setErrors, (input) =>
      create.mutate(input),
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          placeholder="fraud-scorer"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          maxLength={63}
          data-autofocus
          required
        />
        <Textarea
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
          maxLength={2000}
          autosize
          minRows={2}
        />
        <FormActions submitLabel="Create model group" isSubmitting={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
