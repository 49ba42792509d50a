'use client';

import { Badge, Group, Loader } from '@mantine/core';
import { Hint } from '~/components/hint';
import { type MirrorStatus, type ModelApprovalStatus, mirrorState } from './mirror-state';

export type RequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';
export type PipelineRunStatus = 'STARTING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'STOPPED' | 'TIMED_OUT';
export type ReleaseEnvironment = 'DEV' | 'STAGING' | 'PROD';

export const ENVIRONMENT_LABEL: Record<ReleaseEnvironment, string> = {
  DEV: 'Dev',
  STAGING: 'Staging',
  PROD: 'Prod',
};

const REQUEST_COLOR: Record<RequestStatus, string> = {
  PENDING: 'blue',
  APPROVED: 'teal',
  REJECTED: 'red',
  EXPIRED: 'gray',
};

export const VERSION_APPROVAL_COLOR: Record<ModelApprovalStatus, string> = {
  PENDING_MANUAL_APPROVAL: 'gray',
  APPROVED: 'teal',
  REJECTED: 'red',
};

export const VERSION_APPROVAL_LABEL: Record<ModelApprovalStatus, string> = {
  PENDING_MANUAL_APPROVAL: 'pending approval',
  APPROVED: 'approved',
  REJECTED: 'rejected',
};

const SAGEMAKER_APPROVAL_LABEL: Record<ModelApprovalStatus, string> = {
  PENDING_MANUAL_APPROVAL: 'PendingManualApproval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
};

export const PIPELINE_RUN_COLOR: Record<PipelineRunStatus, string> = {
  STARTING: 'blue',
  RUNNING: 'blue',
  SUCCEEDED: 'teal',
  FAILED: 'red',
  STOPPED: 'gray',
  TIMED_OUT: 'orange',
};

export function isPipelineRunActive(status: PipelineRunStatus): boolean {
  return status === 'STARTING' || status === 'RUNNING';
}

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  return (
    <Badge color={REQUEST_COLOR[status]} variant="light">
      {status.toLowerCase()}
    </Badge>
  );
}

export function PipelineRunStatusBadge({ status }: { status: PipelineRunStatus }) {
  return (
    <Badge color={PIPELINE_RUN_COLOR[status]} variant="light">
      {status.toLowerCase().replace('_', ' ')}
    </Badge>
  );
}

interface VersionApprovalProps {
  approvalStatus: ModelApprovalStatus;
  awsStatus: MirrorStatus;
  awsError?: string | null;
  awsApprovalStatus: ModelApprovalStatus | null;
  awsApprovalError: string | null;
}

/** The portal's approval status, and beside it what the SageMaker model package says. */
export function VersionApprovalBadges(version: VersionApprovalProps) {
  const mirror = mirrorState(version);
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={VERSION_APPROVAL_COLOR[version.approvalStatus]} variant="filled">
        {VERSION_APPROVAL_LABEL[version.approvalStatus]}
      </Badge>
      {mirror.kind === 'synced' && (
        <Badge color={VERSION_APPROVAL_COLOR[mirror.status]} variant="outline">
          SageMaker: {SAGEMAKER_APPROVAL_LABEL[mirror.status]}
        </Badge>
      )}
      {mirror.kind === 'syncing' && (
        <Badge color="blue" variant="outline" leftSection={<Loader size={10} color="blue" />}>
          SageMaker: syncing…
        </Badge>
      )}
      {mirror.kind === 'creating' && (
        <Badge color="blue" variant="outline">
          SageMaker: creating
        </Badge>
      )}
      {(mirror.kind === 'sync-failed' || mirror.kind === 'failed') && (
        <Hint label={mirror.error ?? 'The worker could not reach SageMaker'} maxWidth={360}>
          <Badge color="red" variant="outline">
            SageMaker: {mirror.kind === 'failed' ? 'failed' : 'sync failed'}
          </Badge>
        </Hint>
      )}
    </Group>
  );
}
