'use client';

import { updateModelVersionArtifactInput } from '@cairn/core/schemas/model-version';
import { Alert, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, zodFieldErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

interface ReplaceArtifactFormProps {
  teamId: string;
  projectId: string;
  version: { id: string; artifactUri: string; inferenceImageUri: string; approvalStatus: string };
  onDone: () => void;
}

/** Points the version at a new artifact or image; every approval given so far stops counting. */
export function ReplaceArtifactForm({ teamId, projectId, version, onDone }: ReplaceArtifactFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [artifactUri, setArtifactUri] = useState(version.artifactUri);
  const [inferenceImageUri, setInferenceImageUri] = useState(version.inferenceImageUri);
  const [errors, setErrors] = useState<FieldErrors>({});
  const replace = useMutation(
    trpc.modelVersion.updateArtifact.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Artifact replaced',
          message: 'Earlier approvals no longer count: approvers must decide on the new artifact.',
        });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.modelVersion.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.approval.pathKey() }),
        ]);
        onDone();
      },
      onError: (error) => reportFormError(error, 'Could not replace the artifact', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = updateModelVersionArtifactInput.safeParse({
      teamId,
      projectId,
      modelVersionId: version.id,
      artifactUri,
      inferenceImageUri,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    replace.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="orange" variant="light" title="This invalidates earlier approvals">
          Approvals were given for the current artifact. After the change they stop counting: an open request
          needs its approvals again
          {version.approvalStatus === 'APPROVED'
            ? ', and this approved version goes back to pending approval (in SageMaker too)'
            : ''}
          .
        </Alert>
        <TextInput
          label="Artifact URI"
          description="The model archive in S3"
          value={artifactUri}
          onChange={(e) => setArtifactUri(e.currentTarget.value)}
          error={errors.artifactUri}
          maxLength={1024}
          required
          data-autofocus
        />
        <TextInput
          label="Inference image"
          description="The serving container in ECR"
          value={inferenceImageUri}
          onChange={(e) => setInferenceImageUri(e.currentTarget.value)}
          error={errors.inferenceImageUri}
          maxLength={512}
          required
        />
        <FormActions submitLabel="Replace artifact" isSubmitting={replace.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
