'use client';

import { updateEnvironmentInput } from '@cairn/core/schemas/environment';
import { Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, zodFieldErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';
import type { ProjectEnvironment } from './environments-panel';

interface EnvironmentSettingsFormProps {
  teamId: string;
  projectId: string;
  environment: ProjectEnvironment;
  onDone: () => void;
}

/** Region, another account's role, and (prod) whether versions must pass through staging. */
export function EnvironmentSettingsForm({
  teamId,
  projectId,
  environment,
  onDone,
}: EnvironmentSettingsFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [region, setRegion] = useState(environment.region);
  const [roleArnOverride, setRoleArnOverride] = useState(environment.roleArnOverride ?? '');
  const [requiresStagingFirst, setRequiresStagingFirst] = useState(environment.requiresStagingFirst);
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.environment.update.mutationOptions({
      onSuccess: async () => {
        notifications.show({ color: 'teal', title: 'Environment saved', message: 'New deployments use it.' });
        await queryClient.invalidateQueries({
          queryKey: trpc.environment.list.queryKey({ teamId, projectId }),
        });
        onDone();
      },
      onError: (error) => reportFormError(error, 'Could not save the environment', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = updateEnvironmentInput.safeParse({
      teamId,
      projectId,
      name: environment.name,
      region,
      roleArnOverride,
      requiresStagingFirst,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    update.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Region"
          placeholder="eu-west-1"
          value={region}
          onChange={(event) => setRegion(event.currentTarget.value)}
          error={errors.region}
          data-autofocus
        />
        <TextInput
          label="Role ARN override"
          description="Another account's role for this environment; blank uses the team's role"
          placeholder="arn:aws:iam::123456789012:role/cairn-prod"
          value={roleArnOverride}
          onChange={(event) => setRoleArnOverride(event.currentTarget.value)}
          error={errors.roleArnOverride}
        />
        {environment.name === 'PROD' && (
          <Switch
            label="Prod requires staging first"
            description="A version must have been in service in staging before it can be deployed to prod"
            checked={requiresStagingFirst}
            onChange={(event) => setRequiresStagingFirst(event.currentTarget.checked)}
            error={errors.requiresStagingFirst}
          />
        )}
        <FormActions submitLabel="Save environment" isSubmitting={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
