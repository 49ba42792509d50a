'use client';

import { Alert, Badge, Group, List, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import IconBan from '@tabler/icons-react/icons/IconBan';
import { formatUsd } from '~/components/deployments/deployment-labels';
import { Table } from '~/components/table';
import { errorMessage } from '~/lib/errors';
import type { RouterOutputs } from '~/trpc/outputs';
import { BudgetCheckNotice } from './budget-check-notice';

export type DeploymentPreview = RouterOutputs['deployment']['preview'];

interface DeploymentPreviewPanelProps {
  preview: DeploymentPreview | undefined;
  /** The preview answers the form as it is now (not an earlier state while typing). */
  isCurrent: boolean;
  isFetching: boolean;
  error: unknown;
  /** The form parses with the deploy schema; until then nothing is asked of the server. */
  isSpecValid: boolean;
  schemaErrorCount: number;
  budgetOverride: {
    canOverride: boolean;
    reason: string;
    onReason: (reason: string) => void;
    error?: string;
  };
}

function quantity(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** The live verdict beside the wizard: refusals, warnings, cost lines and total, target, budget. */
export function DeploymentPreviewPanel(props: DeploymentPreviewPanelProps) {
  const { preview, isCurrent, isFetching, error, isSpecValid, schemaErrorCount } = props;
  return (
    <Paper withBorder p="md" aria-label="Deployment preview" component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} fz="lg">
            Preview
          </Title>
          {(isFetching || (isSpecValid && !isCurrent)) && <Loader size="xs" aria-label="Updating preview" />}
        </Group>
        {!isSpecValid && (
          <Text size="sm" c="dimmed">
            {schemaErrorCount > 0
              ? `Complete the form (${schemaErrorCount} field${schemaErrorCount === 1 ? '' : 's'} to fix) to see what SageMaker would accept and what it costs.`
              : 'Choose a version to see what SageMaker would accept and what it costs.'}
          </Text>
        )}
        {Boolean(error) && (
          <Alert color="red" variant="light" title="Could not preview" role="alert">
            {errorMessage(error)}
          </Alert>
        )}
        {isSpecValid && preview && (
          <Stack gap="sm" style={{ opacity: isCurrent ? 1 : 0.6 }}>
            {preview.issues.length > 0 ? (
              <Alert color="red" variant="light" icon={<IconBan size={18} />} title="Refused" role="alert">
                <List size="sm" spacing={4}>
                  {preview.issues.map((issue) => (
                    <List.Item key={`${issue.field}-${issue.code}`}>{issue.message}</List.Item>
                  ))}
                </List>
              </Alert>
            ) : (
              <Badge color="teal" variant="light" size="lg">
                Accepted by SageMaker's rules
              </Badge>
            )}
            {preview.warnings.length > 0 && (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Warnings">
                <List size="sm" spacing={4}>
                  {preview.warnings.map((warning) => (
                    <List.Item key={`${warning.field}-${warning.code}`}>{warning.message}</List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <Text size="sm">
              {preview.target.kind === 'update' ? (
                <>
                  Updates endpoint <strong>{preview.target.endpointName}</strong> (its current deployment is
                  replaced)
                </>
              ) : (
                'Creates a new endpoint or job'
              )}
            </Text>
            <Table fz="sm" verticalSpacing={4} aria-label="Cost lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Monthly cost</Table.Th>
                  <Table.Th ta="right">USD</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {preview.cost.lines.map((line) => (
                  <Table.Tr key={line.label}>
                    <Table.Td>
                      {line.label}
                      <Text size="xs" c="dimmed">
                        {quantity(line.quantity)} {line.unit} x ${line.unitPriceUsd}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{formatUsd(line.usd)}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td fw={600}>Total a month</Table.Td>
                  <Table.Td ta="right" fw={600} data-testid="preview-total">
                    {formatUsd(preview.cost.totalUsd)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            {preview.cost.rangeUsd.lowUsd !== preview.cost.rangeUsd.highUsd && (
              <Text size="xs" c="dimmed">
                Between {formatUsd(preview.cost.rangeUsd.lowUsd)} and{' '}
                {formatUsd(preview.cost.rangeUsd.highUsd)} a month depending on scaling.
              </Text>
            )}
            {preview.cost.assumptions.length > 0 && (
              <List size="xs" c="dimmed" spacing={2}>
                {preview.cost.assumptions.map((assumption) => (
                  <List.Item key={assumption}>{assumption}</List.Item>
                ))}
              </List>
            )}
            <BudgetCheckNotice preview={preview} {...props.budgetOverride} />
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
