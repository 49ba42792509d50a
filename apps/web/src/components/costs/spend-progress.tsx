import { formatUsd } from '@cairn/core/deployments/cost-line';
import { Group, Progress, Text } from '@mantine/core';

/** Spend against a budget as a bar: orange from 80%, red past 100%. */
export function SpendProgress({
  spentUsd,
  budgetUsd,
  label,
}: {
  spentUsd: number;
  budgetUsd: number | null;
  label: string;
}) {
  if (budgetUsd === null) {
    return (
      <Text size="sm" c="dimmed">
        {formatUsd(spentUsd)} · no budget
      </Text>
    );
  }
  const percent = budgetUsd > 0 ? (spentUsd / budgetUsd) * 100 : 0;
  const color = percent >= 100 ? 'red' : percent >= 80 ? 'orange' : 'teal';
  return (
    <div>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="sm">
          {formatUsd(spentUsd)} of {formatUsd(budgetUsd)}
        </Text>
        <Text size="sm" fw={600} c={color}>
          {Math.round(percent)}%
        </Text>
      </Group>
      <Progress value={Math.min(percent, 100)} color={color} aria-label={label} />
    </div>
  );
}
