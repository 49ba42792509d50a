import { describe, expect, it } from 'vitest';
import { isReleaseLive } from './is-release-live';

const settled = {
  approvalStatus: 'APPROVED' as const,
  awsStatus: 'READY' as const,
  awsApprovalStatus: 'APPROVED' as const,
  awsApprovalError: null,
};

describe('when a version page keeps refreshing', () => {
  it('rests once everything has settled, or before anything loaded', () => {
    expect(isReleaseLive(settled, [{ status: 'APPROVED' }], [{ status: 'SUCCEEDED' }])).toBe(false);
    expect(isReleaseLive(undefined, undefined, undefined)).toBe(false);
  });

  it('refreshes while a request is open or a pipeline runs', () => {
    expect(isReleaseLive(settled, [{ status: 'PENDING' }], [])).toBe(true);
    expect(isReleaseLive(settled, [], [{ status: 'STARTING' }])).toBe(true);
    expect(isReleaseLive(settled, [], [{ status: 'RUNNING' }])).toBe(true);
  });

  it('refreshes until SageMaker shows the portal’s decision', () => {
    expect(isReleaseLive({ ...settled, awsApprovalStatus: 'PENDING_MANUAL_APPROVAL' }, [], [])).toBe(true);
    expect(
      isReleaseLive(
        { ...settled, awsApprovalStatus: 'PENDING_MANUAL_APPROVAL', awsApprovalError: 'denied' },
        [],
        [],
      ),
    ).toBe(false);
  });
});
