'use client';

import { ActionIcon, Badge, Button, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconPencil from '@tabler/icons-react/icons/IconPencil';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { Hint } from '~/components/hint';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { errorMessage, type FieldErrors, serverFieldErrors } from '~/lib/errors';
import { useTRPC } from '~/trpc/client';
import type { RouterOutputs } from '~/trpc/outputs';
import { SeverityBadge } from './alert-badges';
import { type AlertRuleDraft, EMPTY_RULE, type RuleSubmission } from './alert-rule-draft';
import { ruleConditionText } from './rule-condition';

// The form (with its number inputs and the rule schema) loads when a rule is added or edited.
const AlertRuleForm = dynamic(() => import('./alert-rule-form').then((module) => module.AlertRuleForm), {
  ssr: false,
});

const POLL_MS = 30_000;
type Rule = RouterOutputs['monitoring']['rules'][number];
type Editing = { kind: 'new' } | { kind: 'edit'; rule: Rule };

interface AlertRulesPanelProps {
  teamId: string;
  projectId: string;
  /** The rules that apply to this deployment (its own and the project-wide ones); absent: all of the project's. */
  deploymentId?: string;
}

function draftOf(rule: Rule): AlertRuleDraft {
  return {
    name: rule.name,
    metric: rule.metric,
    statistic: rule.statistic as AlertRuleDraft['statistic'],
    comparator: rule.comparator,
    threshold: rule.threshold,
    windowMinutes: rule.windowMinutes,
    evaluationPeriods: rule.evaluationPeriods,
    severity: rule.severity,
    isEnabled: rule.isEnabled,
    isProjectWide: rule.deploymentId === null,
  };
}

/** The alert rules, with add, edit, enable/disable and delete for engineers. */
export function AlertRulesPanel({ teamId, projectId, deploymentId }: AlertRulesPanelProps) {
  const trpc = useTRPC();
  const viewer = useViewer();
  const queryClient = useQueryClient();
  const canWrite = can(viewer, teamId, 'project:write');
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const rules = useQuery({
    ...trpc.monitoring.rules.queryOptions({ teamId, projectId, ...(deploymentId ? { deploymentId } : {}) }),
    refetchInterval: POLL_MS,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.monitoring.pathKey() });
  const onError = (title: string) => (error: unknown) => {
    const fields = serverFieldErrors(error);
    setServerErrors(fields);
    if (Object.keys(fields).length === 0)
      notifications.show({ color: 'red', title, message: errorMessage(error) });
  };
  const close = () => {
    setEditing(null);
    setServerErrors({});
  };
  const create = useMutation(
    trpc.monitoring.createRule.mutationOptions({
      onSuccess: async () => {
        await refresh();
        close();
      },
      onError: onError('Could not add the rule'),
    }),
  );
  const update = useMutation(
    trpc.monitoring.updateRule.mutationOptions({
      onSuccess: async () => {
        await refresh();
        close();
      },
      onError: onError('Could not save the rule'),
    }),
  );
  const remove = useMutation(
    trpc.monitoring.deleteRule.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setDeleting(null);
      },
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not delete the rule',
          message: errorMessage(error),
        }),
    }),
  );

  function save({ isProjectWide, ...rule }: RuleSubmission) {
    if (editing?.kind === 'edit') {
      update.mutate({ teamId, ruleId: editing.rule.id, ...rule });
    } else {
      create.mutate({
        teamId,
        projectId,
        deploymentId: deploymentId && !isProjectWide ? deploymentId : null,
        ...rule,
      });
    }
  }

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={3}>Alert rules</Title>
        {canWrite && (
          <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setEditing({ kind: 'new' })}>
            Add rule
          </Button>
        )}
      </Group>
      {rules.isPending ? (
        <LoadingRows rows={3} />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <Paper withBorder p="lg">
          <Text size="sm" c="dimmed" ta="center">
            No alert rules. New endpoint deployments get rules for the 5xx rate, p99 latency and feature
            drift.
          </Text>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Alert rules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Rule</Table.Th>
                <Table.Th>Applies to</Table.Th>
                <Table.Th>Severity</Table.Th>
                <Table.Th>Enabled</Table.Th>
                {canWrite && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.map((rule) => (
                <Table.Tr key={rule.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {rule.name}{' '}
                      {rule.isDefault && (
                        <Badge size="xs" variant="outline" color="gray">
                          default
                        </Badge>
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {ruleConditionText(rule)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {rule.deploymentId === null ? 'Every deployment' : 'This deployment'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={rule.severity} />
                  </Table.Td>
                  <Table.Td>
                    <Switch
                      aria-label={`Enable ${rule.name}`}
                      checked={rule.isEnabled}
                      disabled={!canWrite || update.isPending}
                      onChange={(event) =>
                        update.mutate({ teamId, ruleId: rule.id, isEnabled: event.currentTarget.checked })
                      }
                    />
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Hint label="Edit">
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Edit ${rule.name}`}
                            onClick={() => setEditing({ kind: 'edit', rule })}
                          >
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Hint>
                        <Hint label="Delete">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Delete ${rule.name}`}
                            onClick={() => setDeleting(rule)}
                          >
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Hint>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <AlertRuleForm
          title={editing.kind === 'new' ? 'Add an alert rule' : `Edit “${editing.rule.name}”`}
          initial={editing.kind === 'new' ? EMPTY_RULE : draftOf(editing.rule)}
          canChooseScope={editing.kind === 'new' && deploymentId !== undefined}
          serverErrors={serverErrors}
          isSubmitting={create.isPending || update.isPending}
          onSubmit={save}
          onClose={close}
        />
      )}
      {deleting && (
        <DeferredModal opened onClose={() => setDeleting(null)} title={`Delete “${deleting.name}”?`}>
          <Stack gap="sm">
            <Text size="sm">
              The rule stops being evaluated and its open alerts resolve. The alerts it raised stay in the
              history, and the audit trail keeps the rule as it was.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>
                Cancel
              </Button>
              <Button
                color="red"
                loading={remove.isPending}
                onClick={() => remove.mutate({ teamId, ruleId: deleting.id })}
              >
                Delete rule
              </Button>
            </Group>
          </Stack>
        </DeferredModal>
      )}
    </Stack>
  );
}
