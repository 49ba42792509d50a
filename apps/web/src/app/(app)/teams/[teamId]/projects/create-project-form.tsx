'use client';

import { createProjectInput } from '@cairn/core/schemas/project';
import { Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

/** The form inside the "New project" modal; on success it opens the new project. */
export function CreateProjectForm({ teamId, onDone }: { teamId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.project.create.mutationOptions({
      onSuccess: async (project) => {
        notifications.show({ color: 'teal', title: 'Project created', message: project.name });
        await queryClient.invalidateQueries({ queryKey: trpc.project.list.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
        onDone();
        router.push(`/teams/${teamId}/projects/${project.id}`);
      },
      onError: (error) => reportFormError(error, 'Could not create the project', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    sendIfValid(createProjectInput, { teamId, name, description }, setErrors, (input) =>
      create.mutate(input),
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          placeholder="Card fraud scoring"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          maxLength={100}
          data-autofocus
          required
        />
        <Textarea
          label="Description"
          placeholder="What the models in this project predict, and for whom"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
          maxLength={2000}
          autosize
          minRows={3}
        />
        <FormActions submitLabel="Create project" isSubmitting={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
