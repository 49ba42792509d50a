'use client';

import { createExperimentInput, updateExperimentInput } from '@cairn/core/schemas/tracking';
import { Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, zodFieldErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

type ExperimentNameFormProps = {
  teamId: string;
  onDone: () => void;
} & ({ mode: 'create'; projectId: string } | { mode: 'rename'; experimentId: string; currentName: string });

/** Create an experiment, or rename one: both are just a name, unique in the project. */
export function ExperimentNameForm(props: ExperimentNameFormProps) {
  const { teamId, onDone } = props;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(props.mode === 'rename' ? props.currentName : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const onSuccess = async (experiment: { name: string }) => {
    notifications.show({
      color: 'teal',
      title: props.mode === 'create' ? 'Experiment created' : 'Experiment renamed',
      message: experiment.name,
    });
    await queryClient.invalidateQueries({ queryKey: trpc.experiment.pathKey() });
    onDone();
  };
  const create = useMutation(
    trpc.experiment.create.mutationOptions({
      onSuccess,
      onError: (error) => reportFormError(error, 'Could not create the experiment', setErrors),
    }),
  );
  const rename = useMutation(
    trpc.experiment.rename.mutationOptions({
      onSuccess,
      onError: (error) => reportFormError(error, 'Could not rename the experiment', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    if (props.mode === 'create') {
      const parsed = createExperimentInput.safeParse({ teamId, projectId: props.projectId, name });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      create.mutate(parsed.data);
    } else {
      const parsed = updateExperimentInput.safeParse({
        teamId,
        experimentId: props.experimentId,
        newName: name,
      });
      if (!parsed.success) return setErrors(zodFieldErrors(parsed.error));
      rename.mutate(parsed.data);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput
          label="Name"
          placeholder="fraud-xgboost-baseline"
          description="Training code finds the experiment by this name (mlflow.set_experiment)."
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={errors.name ?? errors.newName}
          maxLength={500}
          data-autofocus
          required
        />
        <FormActions
          submitLabel={props.mode === 'create' ? 'Create experiment' : 'Rename'}
          isSubmitting={create.isPending || rename.isPending}
          onCancel={onDone}
        />
      </Stack>
    </form>
  );
}
