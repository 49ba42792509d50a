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
  return (
    <Alert
      color={report.isIntact ? 'teal' : 'red'}
      title={report.isIntact ? 'The audit trail is intact' : 'The audit trail has been tampered with'}
      data-testid="verify-result"
    >
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
