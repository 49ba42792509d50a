import { type MirrorStatus, type ModelApprovalStatus, mirrorState } from '~/components/release/mirror-state';

interface VersionLike {
  approvalStatus: ModelApprovalStatus;
  awsStatus: MirrorStatus;
  awsApprovalStatus: ModelApprovalStatus | null;
  awsApprovalError: string | null;
}

/**
 * Whether a version page should keep refreshing: a request waits for decisions, a release pipeline
 * runs, or SageMaker has not caught up with the portal yet. Missing data (not loaded) is not live.
 */
export function isReleaseLive(
  version: VersionLike | undefined,
  requests: ReadonlyArray<{ status: string }> | undefined,
  runs: ReadonlyArray<{ status: string }> | undefined,
): boolean {
  const mirror = version ? mirrorState(version).kind : null;
  return (
    mirror === 'syncing' ||
    mirror === 'creating' ||
    Boolean(requests?.some((request) => request.status === 'PENDING')) ||
    Boolean(runs?.some((run) => run.status === 'STARTING' || run.status === 'RUNNING'))
  );
}
