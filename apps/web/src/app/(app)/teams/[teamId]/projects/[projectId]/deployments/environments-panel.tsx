'use client';

import { Button, Code, Paper, Text } from '@mantine/core';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { ENVIRONMENT_LABEL } from '~/components/release/release-badges';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { useTRPC } from '~/trpc/client';
import type { RouterOutputs } from '~/trpc/outputs';

// The form and its input schema load when it opens, not with the page.
const EnvironmentSettingsForm = dynamic(
  () => import('./environment-settings-form').then((module) => module.EnvironmentSettingsForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

export type ProjectEnvironment = RouterOutputs['environment']['list'][number];

/** The project's three environments; team admins edit region, role override and the promotion rule. */
export function EnvironmentsPanel({ teamId, projectId }: { teamId: string; projectId: string }) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const environments = useQuery(trpc.environment.list.queryOptions({ teamId, projectId }));
  const [editing, setEditing] = useState<ProjectEnvironment | null>(null);
  const canEdit = can(viewer, teamId, 'team:settings');

  if (environments.isPending) return <LoadingRows rows={3} />;
  if (environments.isError)
    return <ErrorState error={environments.error} onRetry={() => environments.refetch()} />;
  return (
    <Paper withBorder>
      <Table verticalSpacing="xs" aria-label="Environments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Environment</Table.Th>
            <Table.Th>Region</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Promotion rule</Table.Th>
            <Table.Th>Live</Table.Th>
            {canEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {environments.data.map((environment) => (
            <Table.Tr key={environment.id}>
              <Table.Td fw={500}>{ENVIRONMENT_LABEL[environment.name]}</Table.Td>
              <Table.Td>
                <Code>{environment.region}</Code>
              </Table.Td>
              <Table.Td>
                {environment.roleArnOverride ? (
                  <Code style={{ overflowWrap: 'anywhere' }}>{environment.roleArnOverride}</Code>
                ) : (
                  <Text size="sm" c="dimmed">
                    The team's role
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {environment.name !== 'PROD'
                    ? 'Any version'
                    : environment.requiresStagingFirst
                      ? 'Approved versions, in service in staging first'
                      : 'Approved versions'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{environment.deployments.length}</Text>
              </Table.Td>
              {canEdit && (
                <Table.Td ta="right">
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconPencil size={14} />}
                    onClick={() => setEditing(environment)}
                    aria-label={`Edit ${ENVIRONMENT_LABEL[environment.name]}`}
                  >
                    Edit
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <DeferredModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? `${ENVIRONMENT_LABEL[editing.name]} environment` : ''}
      >
        {editing && (
          <EnvironmentSettingsForm
            teamId={teamId}
            projectId={projectId}
            environment={editing}
            onDone={() => setEditing(null)}
          />
        )}
      </DeferredModal>
    </Paper>
  );
}
