import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { ROLE_LABEL } from '~/lib/access';
import { formatRelative, formatUtc } from '~/lib/format';
import type { RouterOutputs } from '~/trpc/outputs';

type Decision = RouterOutputs['approval']['byId']['decisions'][number];

/** Every decision so far, oldest first, and whether it counts toward the quorum (and if not, why). */
export function DecisionsList({ decisions }: { decisions: ReadonlyArray<Decision> }) {
  if (decisions.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No decisions yet.
      </Text>
    );
  return (
    <Stack gap="xs" aria-label="Decisions">
      {decisions.map((decision) => (
        <Paper withBorder p="sm" key={decision.id} data-testid="decision">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Group gap="xs">
              <Badge color={decision.decision === 'APPROVE' ? 'teal' : 'red'} variant="filled">
                {decision.decision === 'APPROVE' ? 'approved' : 'rejected'}
              </Badge>
              <Text size="sm" fw={600}>
                {decision.user.name}
              </Text>
              <Text size="xs" c="dimmed">
                {ROLE_LABEL[decision.role]} · artifact revision {decision.artifactRevision}
              </Text>
            </Group>
            <Text size="xs" c="dimmed" title={formatUtc(decision.decidedAt)}>
              {formatRelative(decision.decidedAt)}
            </Text>
          </Group>
          {decision.comment && (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              “{decision.comment}”
            </Text>
          )}
          <Text size="xs" mt={4} c={decision.isCounted ? 'teal' : 'orange'}>
            {decision.isCounted ? 'Counts toward the decision' : `Does not count: ${decision.invalidReason}`}
          </Text>
        </Paper>
      ))}
    </Stack>
  );
}
