export type ModelApprovalStatus = 'PENDING_MANUAL_APPROVAL' | 'APPROVED' | 'REJECTED';
export type MirrorStatus = 'PENDING' | 'READY' | 'FAILED';

export type MirrorState =
  | { kind: 'creating' }
  | { kind: 'failed'; error: string | null }
  | { kind: 'syncing' }
  | { kind: 'sync-failed'; error: string }
  | { kind: 'synced'; status: ModelApprovalStatus };

/**
 * Where the SageMaker model package stands against the portal's approval status. A package is
 * created PendingManualApproval, so before any decision was mirrored (no status written yet) it
 * already agrees with a pending version.
 */
export function mirrorState(version: {
  approvalStatus: ModelApprovalStatus;
  awsStatus: MirrorStatus;
  awsError?: string | null;
  awsApprovalStatus: ModelApprovalStatus | null;
  awsApprovalError: string | null;
}): MirrorState {
  if (version.awsStatus === 'PENDING') return { kind: 'creating' };
  if (version.awsStatus === 'FAILED') return { kind: 'failed', error: version.awsError ?? null };
  const mirrored = version.awsApprovalStatus ?? 'PENDING_MANUAL_APPROVAL';
  if (mirrored === version.approvalStatus) return { kind: 'synced', status: mirrored };
  if (version.awsApprovalError) return { kind: 'sync-failed', error: version.awsApprovalError };
  return { kind: 'syncing' };
}
