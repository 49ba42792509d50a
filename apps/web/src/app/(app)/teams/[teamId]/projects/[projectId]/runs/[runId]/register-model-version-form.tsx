'use client';

import {
  MODEL_FRAMEWORKS,
  type ModelCard,
  type ModelFramework,
  registerModelVersionInput,
} from '@cairn/core/schemas/model-version';
import { Fieldset, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { ErrorState, LoadingRows } from '~/components/states';
import type { FieldErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

const FRAMEWORK_LABEL: Record<ModelFramework, string> = {
  PYTORCH: 'PyTorch',
  TENSORFLOW: 'TensorFlow',
  XGBOOST: 'XGBoost',
  SKLEARN: 'scikit-learn',
  HUGGINGFACE: 'Hugging Face',
  OTHER: 'Other',
};

const CARD_FIELDS: Array<{ key: keyof ModelCard; label: string; placeholder: string }> = [
  { key: 'intendedUse', label: 'Intended use', placeholder: 'What the model is for, and who uses it' },
  { key: 'limitations', label: 'Limitations', placeholder: 'Where it should not be trusted' },
  { key: 'trainingData', label: 'Training data', placeholder: 'Datasets, time range, sampling' },
  { key: 'evaluation', label: 'Evaluation', placeholder: 'How it was evaluated, on what' },
];

interface RegisterModelVersionFormProps {
  teamId: string;
  projectId: string;
  runId: string;
  runArtifactUri: string;
  onDone: () => void;
}

/** Registers a finished run's model as the next version of one of the project's model groups. */
export function RegisterModelVersionForm({
  teamId,
  projectId,
  runId,
  runArtifactUri,
  onDone,
}: RegisterModelVersionFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const groups = useQuery(trpc.modelGroup.list.queryOptions({ teamId, projectId }));
  const [modelGroupId, setModelGroupId] = useState<string | null>(null);
  const [artifactUri, setArtifactUri] = useState(runArtifactUri.startsWith('s3://') ? runArtifactUri : '');
  const [inferenceImageUri, setInferenceImageUri] = useState('');
  const [framework, setFramework] = useState<ModelFramework | null>(null);
  const [description, setDescription] = useState('');
  const [modelCard, setModelCard] = useState<ModelCard>({
    intendedUse: '',
    limitations: '',
    trainingData: '',
    evaluation: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const register = useMutation(
    trpc.modelVersion.register.mutationOptions({
      onSuccess: async (version) => {
        const group = groups.data?.find((g) => g.id === version.modelGroupId);
        notifications.show({
          color: 'teal',
          title: 'Model version registered',
          message: `${group?.name ?? 'The group'} version ${version.version} is being created in SageMaker.`,
        });
        await queryClient.invalidateQueries({ queryKey: trpc.modelVersion.list.pathKey() });
        onDone();
      },
      onError: (error) => reportFormError(error, 'Could not register the model version', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = registerModelVersionInput.safeParse({
      teamId,
      projectId,
      runId,
      modelGroupId: modelGroupId ?? '',
      artifactUri,
      inferenceImageUri,
      framework: framework ?? '',
      description,
      modelCard,
    });
    if (!parsed.success) {
      const next: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        // Model card messages go beside their own field: modelCard.limitations, ...
        const field = issue.path.join('.');
        if (field && !next[field]) next[field] = issue.message;
      }
      if (next.modelGroupId) next.modelGroupId = 'Choose a model group';
      setErrors(next);
      return;
    }
    register.mutate(parsed.data);
  }

  if (groups.isPending) return <LoadingRows rows={3} />;
  if (groups.isError) return <ErrorState error={groups.error} onRetry={() => groups.refetch()} />;
  if (groups.data.length === 0) {
    return (
      <Text size="sm">
        This project has no model groups yet. Create one on the project page, then register this run.
      </Text>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Select
          label="Model group"
          placeholder="Choose a group"
          data={groups.data.map((group) => ({ value: group.id, label: group.name }))}
          value={modelGroupId}
          onChange={setModelGroupId}
          error={errors.modelGroupId}
          data-autofocus
          required
          searchable
        />
        <TextInput
          label="Artifact URI"
          description="The model archive in S3"
          placeholder="s3://bucket/path/model.tar.gz"
          value={artifactUri}
          onChange={(e) => setArtifactUri(e.currentTarget.value)}
          error={errors.artifactUri}
          maxLength={1024}
          required
        />
        <TextInput
          label="Inference image"
          description="The serving container in ECR"
          placeholder="123456789012.dkr.ecr.us-east-1.amazonaws.com/scorer:1.0.0"
          value={inferenceImageUri}
          onChange={(e) => setInferenceImageUri(e.currentTarget.value)}
          error={errors.inferenceImageUri}
          maxLength={512}
          required
        />
        <Select
          label="Framework"
          placeholder="Choose a framework"
          data={MODEL_FRAMEWORKS.map((value) => ({ value, label: FRAMEWORK_LABEL[value] }))}
          value={framework}
          onChange={(value) => setFramework(value as ModelFramework | null)}
          error={errors.framework}
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
        <Fieldset legend="Model card">
          <Stack gap="sm">
            {CARD_FIELDS.map((field) => (
              <Textarea
                key={field.key}
                label={field.label}
                placeholder={field.placeholder}
                value={modelCard[field.key]}
                onChange={(e) => {
                  const value = e.currentTarget.value;
                  setModelCard((card) => ({ ...card, [field.key]: value }));
                }}
                error={
                  errors[`modelCard.${field.key}`] ??
                  (field.key === 'intendedUse' ? errors.modelCard : undefined)
                }
                maxLength={4000}
                autosize
                minRows={2}
              />
            ))}
          </Stack>
        </Fieldset>
        <FormActions submitLabel="Register model" isSubmitting={register.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
