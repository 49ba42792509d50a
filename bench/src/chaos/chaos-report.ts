import type { CheckResult } from './chaos-checks';
import type { FaultRecord } from './chaos-faults';
import type { Ledger } from './chaos-ledger';

const seconds = (ms: number | null) => (ms === null ? 'never' : `${(ms / 1000).toFixed(2)} s`);
const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The run's summary in markdown: the checks, the faults with their recovery, the requests. */
export function formatChaosReport(input: {
  machine: string;
  startedAt: Date;
  durationMs: number;
  seed: number;
  checks: CheckResult[];
  faults: FaultRecord[];
  ledger: Ledger;
}): string[] {
  const { checks, faults, ledger } = input;
  const lines: string[] = [];
  lines.push(
    `Chaos run, ${input.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, seed ${input.seed}, ` +
      `${(input.durationMs / 60_000).toFixed(1)} min; ${input.machine}`,
    '',
    '| check | result | detail |',
    '| --- | --- | --- |',
  );
  for (const check of checks)
    lines.push(`| ${cell(check.name)} | ${check.isPassed ? 'pass' : '**FAIL**'} | ${cell(check.detail)} |`);

  lines.push(
    '',
    '| fault | recovery | measured as | requests failed during it | notes |',
    '| --- | ---: | --- | ---: | --- |',
  );
  for (const fault of faults) {
    // A fault's failures: from its start until its end plus the pause that follows (the retries).
    const next = faults[faults.indexOf(fault) + 1];
    const windowEnd = next?.startedAt ?? Number.POSITIVE_INFINITY;
    const failed = ledger.failures.filter(
      (failure) => failure.at >= fault.startedAt && failure.at < windowEnd,
    );
    lines.push(
      `| ${cell(fault.name)} | ${seconds(fault.recoveryMs)} | ${cell(fault.recoveryMeasure)} | ${failed.length} | ${cell(fault.notes.join('; '))} |`,
    );
  }
  const firstFault = faults[0]?.startedAt ?? Number.POSITIVE_INFINITY;
  const beforeFaults = ledger.failures.filter((failure) => failure.at < firstFault).length;

  lines.push(
    '',
    '| requests | sent | acknowledged (2xx) | refused (4xx) | failed (5xx, dropped, timed out) |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const [kind, tally] of [...ledger.tallies].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(`| ${kind} | ${tally.sent} | ${tally.acknowledged} | ${tally.refused} | ${tally.failed} |`);
  const total = ledger.total();
  lines.push(`| **all** | ${total.sent} | ${total.acknowledged} | ${total.refused} | ${total.failed} |`);
  lines.push('', `Failures before the first fault: ${beforeFaults}.`);
  const reasons = new Map<string, number>();
  for (const failure of ledger.failures) {
    const reason = `${failure.kind}: ${failure.reason}`;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  if (reasons.size > 0) {
    lines.push('Failure reasons:');
    for (const [reason, count] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8))
      lines.push(`- ${count} x ${reason.slice(0, 160)}`);
  }
  const refusals = new Map<string, number>();
  for (const refusal of ledger.refusals) {
    const reason = `${refusal.kind}: ${refusal.reason.slice(0, 120)}`;
    refusals.set(reason, (refusals.get(reason) ?? 0) + 1);
  }
  if (refusals.size > 0) {
    lines.push('Refusals:');
    for (const [reason, count] of [...refusals].sort((a, b) => b[1] - a[1]).slice(0, 5))
      lines.push(`- ${count} x ${reason}`);
  }
  return lines;
}
