'use client';

import { type PIPELINE_KINDS, registerPipelineInput } from '@cairn/core/schemas/pipeline';
import { SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

type Kind = (typeof PIPELINE_KINDS)[number];

export function RegisterPipelineForm({
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
  const [kind, setKind] = useState<Kind>('CODEPIPELINE');
  const [awsPipelineName, setAwsPipelineName] = useState('');
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const register = useMutation(
    trpc.pipeline.register.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.pipeline.list.queryKey({ teamId, projectId }) });
        onDone();
      },
      onError: (error) => reportFormError(error, 'Could not add the pipeline', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    sendIfValid(
      registerPipelineInput,
      { teamId, projectId, kind, awsPipelineName, description },
      setErrors,
      (input) => register.mutate(input),
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value as Kind)}
          data={[
            { value: 'CODEPIPELINE', label: 'CodePipeline' },
            { value: 'SAGEMAKER', label: 'SageMaker pipeline' },
          ]}
        />
        <TextInput
          label="Pipeline name in AWS"
          placeholder="cairn-release-fraud"
          value={awsPipelineName}
          onChange={(e) => setAwsPipelineName(e.currentTarget.value)}
          error={errors.awsPipelineName}
          maxLength={100}
          data-autofocus
          required
        />
        <TextInput
          label="Description"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
          maxLength={2000}
        />
        <FormActions submitLabel="Add pipeline" isSubmitting={register.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
