import type { GateResult } from '@cairn/core/approval/approval-types';
import { formatNumber } from '@cairn/core/approval/format';
import { Badge, Paper, Text } from '@mantine/core';
import { Table } from '~/components/table';

function GateBadge({ gate, isOpen }: { gate: GateResult; isOpen: boolean }) {
  const { passed } = gate;
  // Missing approvals on an open request are not a failure yet: the request waits for them.
  if (passed === null || (passed === false && gate.kind === 'approvals' && isOpen))
    return (
      <Badge color="yellow" variant="light">
        {passed === null ? 'pending' : 'waiting'}
      </Badge>
    );
  return (
    <Badge color={passed ? 'teal' : 'red'} variant="light">
      {passed ? 'pass' : 'fail'}
    </Badge>
  );
}

/** Each rule of the policy with what was measured, what it needs, and the sentence that says why. */
export function GatesTable({ gates, isOpen }: { gates: ReadonlyArray<GateResult>; isOpen: boolean }) {
  return (
    <Paper withBorder>
      <Table verticalSpacing={6} aria-label="Gates">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Gate</Table.Th>
            <Table.Th w={96}>Result</Table.Th>
            <Table.Th ta="right">Actual</Table.Th>
            <Table.Th ta="right">Expected</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {gates.map((gate) => (
            <Table.Tr key={gate.id} data-gate={gate.kind}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {gate.label}
                </Text>
                <Text
                  size="xs"
                  c={gate.passed === false && !(gate.kind === 'approvals' && isOpen) ? 'red' : 'dimmed'}
                >
                  {gate.reason}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <GateBadge gate={gate} isOpen={isOpen} />
              </Table.Td>
              <Table.Td ta="right" ff="monospace" fz="sm">
                {gate.actual === null ? '—' : formatNumber(gate.actual)}
              </Table.Td>
              <Table.Td ta="right" ff="monospace" fz="sm">
                {gate.expected === null ? '—' : formatNumber(gate.expected)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
