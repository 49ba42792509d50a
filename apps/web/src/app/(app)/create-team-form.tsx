'use client';

import { createTeamInput } from '@cairn/core/schemas/team';
import { Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

/** The form inside the "New team" modal (org admins); on success it opens the team's members. */
export function CreateTeamForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [awsRegion, setAwsRegion] = useState('us-east-1');
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation(
    trpc.team.create.mutationOptions({
      onSuccess: async (team) => {
        notifications.show({
          color: 'teal',
          title: 'Team created',
          message: `${team.name}: add its members, then its IAM role in the settings.`,
        });
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
        onDone();
        // The session lists teams as of sign-in: a full load shows the new one in the navigation.
        router.push(`/teams/${team.id}/members`);
        router.refresh();
      },
      onError: (error) => reportFormError(error, 'Could not create the team', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    sendIfValid(createTeamInput, { name, awsRegion }, setErrors, (input) => create.mutate(input));
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          placeholder="Fraud Detection"
          description="Its slug names the team's IAM role and tags what Cairn creates for it in AWS."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name}
          maxLength={100}
          data-autofocus
          required
        />
        <TextInput
          label="AWS region"
          description="Where its projects deploy unless an environment says otherwise."
          value={awsRegion}
          onChange={(e) => setAwsRegion(e.currentTarget.value)}
          error={errors.awsRegion}
          required
        />
        <FormActions submitLabel="Create team" isSubmitting={create.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
