'use client';

import { Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

interface TeamSettings {
  teamId: string;
  iamRoleArn: string | null;
  iamExternalId: string | null;
  awsRegion: string;
  permissionBoundaryNote: string | null;
}

export function TeamSettingsForm({ settings }: { settings: TeamSettings }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [iamRoleArn, setIamRoleArn] = useState(settings.iamRoleArn ?? '');
  const [iamExternalId, setIamExternalId] = useState(settings.iamExternalId ?? '');
  const [awsRegion, setAwsRegion] = useState(settings.awsRegion);
  const [permissionBoundaryNote, setPermissionBoundaryNote] = useState(settings.permissionBoundaryNote ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useMutation(
    trpc.team.updateSettings.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Settings saved',
          message: 'The change is in the audit trail.',
        });
        setErrors({});
        await queryClient.invalidateQueries({
          queryKey: trpc.team.settings.queryKey({ teamId: settings.teamId }),
        });
      },
      onError: (error) => reportFormError(error, 'Could not save the settings', setErrors),
    }),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    // The input schema, and zod with it, loads on the first save rather than with the page.
    const { updateTeamSettingsInput } = await import('@cairn/core/schemas/team');
    sendIfValid(
      updateTeamSettingsInput,
      {
        teamId: settings.teamId,
        iamRoleArn,
        iamExternalId,
        awsRegion,
        permissionBoundaryNote,
      },
      setErrors,
      (input) => save.mutate(input),
    );
  }

  return (
    <Paper withBorder p="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="IAM role ARN"
            description="Create it with the trust and permissions policies under Role policies. Leave blank to stop all AWS actions for this team."
            placeholder="arn:aws:iam::123456789012:role/cairn-team"
            value={iamRoleArn}
            onChange={(e) => setIamRoleArn(e.currentTarget.value)}
            error={errors.iamRoleArn}
            maxLength={2048}
          />
          <TextInput
            label="External id"
            description="The generated trust policy requires it: a value only Cairn and your AWS admins know."
            value={iamExternalId}
            onChange={(e) => setIamExternalId(e.currentTarget.value)}
            error={errors.iamExternalId}
            maxLength={1224}
            autoComplete="off"
          />
          <TextInput
            label="AWS region"
            placeholder="us-east-1"
            value={awsRegion}
            onChange={(e) => setAwsRegion(e.currentTarget.value)}
            error={errors.awsRegion}
            maxLength={30}
            w={220}
          />
          <Textarea
            label="Permission boundary"
            description="What bounds the role in your account, for example the permission boundary policy's ARN. Shown to reviewers; Cairn does not enforce it."
            value={permissionBoundaryNote}
            onChange={(e) => setPermissionBoundaryNote(e.currentTarget.value)}
            error={errors.permissionBoundaryNote}
            maxLength={1000}
            autosize
            minRows={2}
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Only team admins see and change these.
            </Text>
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
