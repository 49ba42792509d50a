'use client';

import { Alert, List, Text } from '@mantine/core';
import { formatUtc } from '~/lib/format';

interface VerifyReport {
  isIntact: boolean;
  problems: { kind: string; detail: string }[];
  omittedProblemCount: number;
  /** The same lines `pnpm audit:verify` prints. */
  lines: string[];
  verifiedAt: Date;
}

/** The verifier's report: every problem found, then its notes (checkpoint coverage, keys). */
export function AuditVerifyResult({ report }: { report: VerifyReport }) {
  const [summary, ...rest] = report.lines;
  const details = rest.filter((line) => !line.startsWith('  '));
  // Silence alone may be downtime (the worker was stopped) rather than tampering: the operator decides.
  const isOnlySilence = report.problems.every((problem) => problem.kind === 'missing-checkpoints');
  const [color, title] = report.isIntact
    ? ['teal', 'The audit trail is intact']
    : isOnlySilence
      ? ['yellow', 'The events are intact, but checkpoints are missing for an interval']
      : ['red', 'The audit trail has been tampered with'];
  return (
    <Alert color={color} title={title} data-testid="verify-result">
      <Text size="sm">
        {summary} Checked at {formatUtc(report.verifiedAt)}.
      </Text>
      {report.problems.length > 0 && (
        <List size="sm" mt="xs" spacing={2} aria-label="Integrity problems">
          {report.problems.map((problem) => (
            <List.Item key={`${problem.kind}:${problem.detail}`}>
              <Text span ff="monospace" fz="xs">
                [{problem.kind}]
              </Text>{' '}
              {problem.detail}
            </List.Item>
          ))}
          {report.omittedProblemCount > 0 && (
            <List.Item>
              … and {report.omittedProblemCount.toLocaleString()} more problems not listed.
            </List.Item>
          )}
        </List>
      )}
      {details.map((line) => (
        <Text key={line} size="xs" c="dimmed" mt={4}>
          {line}
        </Text>
      ))}
    </Alert>
  );
}
