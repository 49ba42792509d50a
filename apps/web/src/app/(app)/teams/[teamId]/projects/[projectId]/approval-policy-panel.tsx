'use client';

import { Badge, Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { DeferredModal } from '~/components/deferred-modal';
import { policyInWords } from '~/components/release/policy-in-words';
import { ErrorState, LoadingRows } from '~/components/states';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

// The form and its input schema load when its modal opens, not with the page.
const ApprovalPolicyForm = dynamic(
  () => import('./approval-policy-form').then((module) => module.ApprovalPolicyForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

/** What a model version of this project needs before release; everyone reads it, team admins edit it. */
export function ApprovalPolicyPanel({ teamId, projectId }: { teamId: string; projectId: string }) {
  const trpc = useTRPC();
  const [isEditOpen, editModal] = useDisclosure(false);
  const policy = useQuery(trpc.approvalPolicy.get.queryOptions({ teamId, projectId }));

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={3} fz="lg">
            Approval policy
          </Title>
          <Text size="sm" c="dimmed">
            What a model version of this project needs before it is released.
          </Text>
        </div>
        {policy.data?.canEdit && (
          <Button leftSection={<IconPencil size={16} />} variant="default" onClick={editModal.open}>
            Edit policy
          </Button>
        )}
      </Group>
      {policy.isPending && <LoadingRows rows={2} />}
      {policy.isError && <ErrorState error={policy.error} onRetry={() => policy.refetch()} />}
      {policy.data && (
        <Paper withBorder p="md">
          <Group gap="xs" mb="xs">
            {policy.data.isDefault ? (
              <Badge color="gray" variant="light">
                default policy
              </Badge>
            ) : (
              <Text size="xs" c="dimmed" title={formatUtc(policy.data.updatedAt)}>
                Changed {formatRelative(policy.data.updatedAt)}
              </Text>
            )}
          </Group>
          <List size="sm" spacing={4} aria-label="Approval policy rules">
            {policyInWords(policy.data.policy).map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
        </Paper>
      )}
      {policy.data?.canEdit && (
        <DeferredModal opened={isEditOpen} onClose={editModal.close} title="Edit approval policy" size="xl">
          <ApprovalPolicyForm
            teamId={teamId}
            projectId={projectId}
            initial={policy.data.policy}
            metricKeys={policy.data.metricKeys}
            onDone={editModal.close}
          />
        </DeferredModal>
      )}
    </Stack>
  );
}
