import { describe, expect, it } from 'vitest';
import { mirrorState } from './mirror-state';

const ready = {
  approvalStatus: 'PENDING_MANUAL_APPROVAL' as const,
  awsStatus: 'READY' as const,
  awsApprovalStatus: null,
  awsApprovalError: null,
};

describe('the SageMaker mirror of a version’s approval', () => {
  it('agrees with a pending version before any decision was written', () => {
    expect(mirrorState(ready)).toEqual({ kind: 'synced', status: 'PENDING_MANUAL_APPROVAL' });
  });

  it('is syncing between the portal’s approval and the worker’s update', () => {
    expect(mirrorState({ ...ready, approvalStatus: 'APPROVED' })).toEqual({ kind: 'syncing' });
    expect(mirrorState({ ...ready, approvalStatus: 'APPROVED', awsApprovalStatus: 'APPROVED' })).toEqual({
      kind: 'synced',
      status: 'APPROVED',
    });
  });

  it('reports the worker’s error instead of syncing forever', () => {
    expect(
      mirrorState({
        ...ready,
        approvalStatus: 'REJECTED',
        awsApprovalError: 'AccessDenied: no UpdateModelPackage',
      }),
    ).toEqual({ kind: 'sync-failed', error: 'AccessDenied: no UpdateModelPackage' });
  });

  it('says the package is still being created, or failed', () => {
    expect(mirrorState({ ...ready, awsStatus: 'PENDING' })).toEqual({ kind: 'creating' });
    expect(mirrorState({ ...ready, awsStatus: 'FAILED', awsError: 'boom' })).toEqual({
      kind: 'failed',
      error: 'boom',
    });
  });
});
