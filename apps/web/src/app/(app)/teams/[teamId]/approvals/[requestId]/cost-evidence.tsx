import { formatUsd } from '@cairn/core/approval/format';
import { Group, Paper, Text } from '@mantine/core';
import { DetailItem } from '~/components/detail-item';

interface CostEvidenceProps {
  predictedMonthlyCostUsd: number | null;
  remainingBudgetUsd: number | null;
}

/** What the deployment is predicted to cost a month against what is left of the team's budget. */
export function CostEvidence({ predictedMonthlyCostUsd, remainingBudgetUsd }: CostEvidenceProps) {
  const fits =
    predictedMonthlyCostUsd !== null && remainingBudgetUsd !== null
      ? predictedMonthlyCostUsd <= remainingBudgetUsd
      : null;
  return (
    <Paper withBorder p="md">
      <Group gap="xl">
        <DetailItem label="Predicted monthly cost">
          {predictedMonthlyCostUsd === null ? 'No prediction' : formatUsd(predictedMonthlyCostUsd)}
        </DetailItem>
        <DetailItem label="Budget left this month">
          {remainingBudgetUsd === null ? 'No team budget' : formatUsd(remainingBudgetUsd)}
        </DetailItem>
      </Group>
      <Text size="sm" mt="xs" c={fits === false ? 'red' : 'dimmed'}>
        {predictedMonthlyCostUsd === null
          ? 'There is no cost prediction for this release: no deployment of it is planned yet, so its cost is unknown.'
          : remainingBudgetUsd === null
            ? 'The team has no monthly budget, so any cost fits.'
            : fits
              ? 'The predicted cost fits in what is left of the budget.'
              : 'The predicted cost exceeds what is left of the budget.'}
      </Text>
    </Paper>
  );
}
