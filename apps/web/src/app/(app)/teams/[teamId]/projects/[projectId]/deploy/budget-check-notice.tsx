'use client';

import { Alert, Progress, Stack, Text, Textarea } from '@mantine/core';
import { formatUsd } from '~/components/deployments/deployment-labels';
import type { DeploymentPreview } from './deployment-preview-panel';

const LEVEL_COLOR = { ok: 'teal', warn: 'orange', block: 'red' } as const;

interface BudgetCheckNoticeProps {
  preview: DeploymentPreview;
  canOverride: boolean;
  reason: string;
  onReason: (reason: string) => void;
  error?: string;
}

/** The predicted cost against the team's remaining budget; above it, an admin may override with a reason. */
export function BudgetCheckNotice({ preview, canOverride, reason, onReason, error }: BudgetCheckNoticeProps) {
  const { budget, budgetCheck } = preview;
  const percent = budgetCheck.percentOfRemaining;
  return (
    <Stack gap={6}>
      <Alert
        color={LEVEL_COLOR[budgetCheck.level]}
        variant="light"
        title={
          budgetCheck.level === 'block'
            ? 'Over budget'
            : budgetCheck.level === 'warn'
              ? 'Close to the budget'
              : 'Budget'
        }
        role={budgetCheck.level === 'ok' ? undefined : 'alert'}
      >
        <Stack gap={6}>
          <Text size="sm">{budgetCheck.message}</Text>
          {budget && (
            <Text size="xs" c="dimmed">
              Team budget {formatUsd(budget.budgetUsd)} a month; {formatUsd(budget.committedUsd)} committed,{' '}
              {formatUsd(budget.remainingUsd)} left.
            </Text>
          )}
          {percent !== null && (
            <Progress
              value={Math.min(100, percent)}
              color={LEVEL_COLOR[budgetCheck.level]}
              aria-label="Share of the remaining budget"
            />
          )}
        </Stack>
      </Alert>
      {budgetCheck.level === 'block' &&
        (canOverride ? (
          <Textarea
            label="Override with reason"
            description="You are a team admin: deploying above the budget is allowed with a reason, and audited"
            value={reason}
            onChange={(event) => onReason(event.currentTarget.value)}
            error={error}
            autosize
            minRows={2}
            maxLength={500}
          />
        ) : (
          <Text size="sm" c="red">
            Only a team admin can deploy above the remaining budget. Choose a smaller fleet or ask an admin.
          </Text>
        ))}
    </Stack>
  );
}
