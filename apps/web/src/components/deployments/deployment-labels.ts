import type { DeploymentType, RolloutStrategyKind } from '@cairn/core/schemas/deployment';

export type DeploymentStatus =
  | 'PENDING'
  | 'CREATING'
  | 'UPDATING'
  | 'IN_SERVICE'
  | 'ROLLING_BACK'
  | 'UPDATE_ROLLBACK_FAILED'
  | 'FAILED'
  | 'SUCCEEDED'
  | 'DELETING'
  | 'DELETED'
  | 'SUPERSEDED';

export const DEPLOYMENT_STATUS_LABEL: Record<DeploymentStatus, string> = {
  PENDING: 'Pending',
  CREATING: 'Creating',
  UPDATING: 'Updating',
  IN_SERVICE: 'In service',
  ROLLING_BACK: 'Rolling back',
  UPDATE_ROLLBACK_FAILED: 'Rollback failed',
  FAILED: 'Failed',
  SUCCEEDED: 'Succeeded',
  DELETING: 'Deleting',
  DELETED: 'Deleted',
  SUPERSEDED: 'Superseded',
};

export const DEPLOYMENT_STATUS_COLOR: Record<DeploymentStatus, string> = {
  PENDING: 'gray',
  CREATING: 'blue',
  UPDATING: 'blue',
  IN_SERVICE: 'teal',
  ROLLING_BACK: 'orange',
  UPDATE_ROLLBACK_FAILED: 'red',
  FAILED: 'red',
  SUCCEEDED: 'teal',
  DELETING: 'orange',
  DELETED: 'gray',
  SUPERSEDED: 'gray',
};

export const DEPLOYMENT_TYPE_LABEL: Record<DeploymentType, string> = {
  REALTIME: 'Real-time',
  SERVERLESS: 'Serverless',
  ASYNC: 'Asynchronous',
  BATCH: 'Batch transform',
};

export const STRATEGY_LABEL: Record<RolloutStrategyKind, string> = {
  ALL_AT_ONCE: 'All at once',
  CANARY: 'Canary',
  LINEAR: 'Linear',
  SHADOW: 'Shadow',
  AB: 'A/B',
};

const SETTLING: readonly DeploymentStatus[] = ['PENDING', 'CREATING', 'UPDATING', 'ROLLING_BACK', 'DELETING'];

/** Whether SageMaker is still moving this deployment: the page polls until it settles. */
export function isDeploymentSettling(status: DeploymentStatus): boolean {
  return SETTLING.includes(status);
}

const DELETABLE: readonly DeploymentStatus[] = [
  'IN_SERVICE',
  'FAILED',
  'UPDATE_ROLLBACK_FAILED',
  'PENDING',
  'CREATING',
];

/** Whether Delete is offered: the statuses the server takes a delete in (a failed endpoint may still exist). */
export function isDeploymentDeletable(status: DeploymentStatus): boolean {
  return DELETABLE.includes(status);
}

/** The strategy a deployment's list row names, or a dash for batch jobs (no rollout). */
export function strategyLabel(kind: string | null): string {
  return kind && kind in STRATEGY_LABEL ? STRATEGY_LABEL[kind as RolloutStrategyKind] : '—';
}

/** "$12.34" */
export function formatUsd(usd: number): string {
  return usd.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}

/**
 * How far a canary or linear rollout has shifted traffic: the latest event that says so, or null
 * when no event carries a percentage (all-at-once, or not started).
 */
export function latestTrafficPercent(
  events: ReadonlyArray<{ trafficPercent: number | null }>,
): number | null {
  for (let index = events.length - 1; index >= 0; index--) {
    const percent = events[index]?.trafficPercent;
    if (percent !== null && percent !== undefined) return Math.max(0, Math.min(100, percent));
  }
  return null;
}
