/** What the integrity verifier can find wrong with the audit trail and its checkpoints. */
export type AuditProblemKind =
  | 'altered'
  | 'deleted'
  | 'inserted'
  | 'reordered'
  | 'truncated'
  | 'checkpoint-mismatch'
  | 'bad-signature'
  | 'unknown-key'
  | 'checkpoint-chain'
  | 'missing-checkpoints';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The event the problem is found at, when it concerns an event. */
  seq?: string;
  /** The checkpoint the problem is found at, when it concerns a checkpoint. */
  checkpointId?: string;
  /** The interval without checkpoints (ISO timestamps), for missing-checkpoints. */
  from?: string;
  to?: string;
  detail: string;
}

export interface AuditIntegrityReport {
  isIntact: boolean;
  eventCount: number;
  headSeq: string | null;
  headHash: string;
  checkpointCount: number;
  latestCheckpoint: { id: string; createdAt: string; headSeq: string } | null;
  /** Events after the latest checkpoint's head: not yet sealed, so deletable without a trace. */
  unsealedEventCount: number;
  problems: AuditProblem[];
  /** Problems found beyond the reported ones (a rewritten trail breaks at every row). */
  omittedProblemCount: number;
  /** Limits of this verification that are not problems of the trail (no public key, ...). */
  notes: string[];
  durationMs: number;
}

/** The human report `pnpm audit:verify` prints and the admin page shows, one line each. */
export function formatAuditReport(report: AuditIntegrityReport): string[] {
  const lines: string[] = [];
  const head = report.headSeq ? `head #${report.headSeq} ${report.headHash.slice(0, 16)}…` : 'empty trail';
  lines.push(
    report.isIntact
      ? `Audit trail intact: ${report.eventCount.toLocaleString('en-US')} events (${head}), ${report.checkpointCount.toLocaleString('en-US')} checkpoints, verified in ${report.durationMs} ms.`
      : `Audit trail BROKEN: ${report.problems.length + report.omittedProblemCount} problem(s) in ${report.eventCount.toLocaleString('en-US')} events and ${report.checkpointCount.toLocaleString('en-US')} checkpoints (${report.durationMs} ms).`,
  );
  for (const problem of report.problems) lines.push(`  - [${problem.kind}] ${problem.detail}`);
  if (report.omittedProblemCount > 0) {
    lines.push(`  … and ${report.omittedProblemCount.toLocaleString('en-US')} more problems not listed.`);
  }
  if (report.latestCheckpoint) {
    lines.push(
      `Latest checkpoint #${report.latestCheckpoint.id} at ${report.latestCheckpoint.createdAt} seals events up to #${report.latestCheckpoint.headSeq}; ${report.unsealedEventCount} newer event(s) not yet sealed.`,
    );
  }
  for (const note of report.notes) lines.push(`Note: ${note}`);
  return lines;
}
