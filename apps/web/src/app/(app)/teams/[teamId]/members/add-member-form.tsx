'use client';

import type { Role } from '@cairn/core/roles';
import { addMemberInput } from '@cairn/core/schemas/member';
import { Button, Group, NativeSelect, Paper, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconUserPlus from '@tabler/icons-react/icons/IconUserPlus';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ROLE_LABEL, ROLE_OPTIONS } from '~/lib/access';
import { type FieldErrors, sendIfValid } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

export function AddMemberForm({ teamId }: { teamId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('VIEWER');
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useMutation(
    trpc.member.add.mutationOptions({
      onSuccess: async (member) => {
        notifications.show({
          color: 'teal',
          title: 'Member added',
          message: `${member.email} joined as ${ROLE_LABEL[member.role]}`,
        });
        setEmail('');
        setErrors({});
        await queryClient.invalidateQueries({ queryKey: trpc.member.list.queryKey({ teamId }) });
        await queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
      },
      onError: (error) => reportFormError(error, 'Could not add member', setErrors),
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    sendIfValid(addMemberInput, { teamId, email, role }, setErrors, (input) => add.mutate(input));
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate>
      <Text fw={600} mb={2}>
        Add a member
      </Text>
      <Text size="sm" c="dimmed" mb="sm">
        People appear here after their first sign-in. Roles: viewers read, engineers build, approvers sign
        releases off, admins manage the team.
      </Text>
      <Group align="flex-start" gap="sm">
        <TextInput
          aria-label="Email"
          placeholder="name@company.com"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
          maxLength={254}
          style={{ flex: '1 1 260px' }}
        />
        <NativeSelect
          aria-label="Role"
          data={ROLE_OPTIONS}
          value={role}
          onChange={(event) => setRole(event.currentTarget.value as Role)}
          error={errors.role}
          w={160}
        />
        <Button type="submit" loading={add.isPending} leftSection={<IconUserPlus size={16} />}>
          Add member
        </Button>
      </Group>
    </Paper>
  );
}
