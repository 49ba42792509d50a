import type { Prisma } from '@cairn/db/client';

export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export type LifecycleStage = 'active' | 'deleted';

export interface KeyValue {
  key: string;
  value: string;
}

export interface ExperimentView {
  id: string;
  teamId: string;
  projectId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  createdAt: Date;
  updatedAt: Date;
  tags: KeyValue[];
}

export interface RunView {
  id: string;
  teamId: string;
  projectId: string;
  experimentId: string;
  name: string;
  status: RunStatus;
  startTime: Date;
  endTime: Date | null;
  userName: string;
  createdById: string | null;
  source: string;
  gitCommit: string;
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

/** A run's latest value of one metric; step and timestamp (ms) as numbers. */
export interface LatestMetricView {
  key: string;
  value: number;
  step: number;
  timestamp: number;
}

export interface RunDetail extends RunView {
  params: KeyValue[];
  tags: KeyValue[];
  /** The latest point of each metric key. */
  metrics: LatestMetricView[];
  datasetInputs: unknown[];
}

/** The columns the mappers read: a Prisma row, or a raw SQL row with the same column names. */
export interface ExperimentRow {
  id: string;
  teamId: string;
  projectId: string;
  name: string;
  artifactLocation: string;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  tags?: KeyValue[];
}

export interface RunRow {
  id: string;
  teamId: string;
  projectId: string;
  experimentId: string;
  name: string;
  status: RunStatus;
  startTime: Date;
  endTime: Date | null;
  userName: string;
  createdById: string | null;
  source: string;
  gitCommit: string;
  artifactUri: string;
  deletedAt: Date | null;
}

export interface LatestMetricRow {
  key: string;
  value: number;
  step: bigint | number;
  timestamp: bigint | number;
}

export interface RunDetailRow extends RunRow {
  datasetInputs: unknown;
  params: KeyValue[];
  tags: KeyValue[];
  latestMetrics: LatestMetricRow[];
}

/** What to include with a Prisma run query to map it with `toRunDetail`. */
export const runDetailInclude = {
  params: { select: { key: true, value: true }, orderBy: { key: 'asc' } },
  tags: { select: { key: true, value: true }, orderBy: { key: 'asc' } },
  latestMetrics: {
    select: { key: true, value: true, step: true, timestamp: true },
    orderBy: { key: 'asc' },
  },
} as const satisfies Prisma.RunInclude;

export const experimentInclude = {
  tags: { select: { key: true, value: true }, orderBy: { key: 'asc' } },
} as const satisfies Prisma.ExperimentInclude;

export function lifecycleStageOf(row: { deletedAt: Date | null }): LifecycleStage {
  return row.deletedAt ? 'deleted' : 'active';
}

/**
 * BIGINT columns (steps, ms timestamps) as numbers: MLflow steps and epoch milliseconds stay well
 * inside 2^53, and JSON cannot carry a bigint.
 */
export function bigIntToNumber(value: bigint | number): number {
  return typeof value === 'bigint' ? Number(value) : value;
}

export function toExperimentView(row: ExperimentRow): ExperimentView {
  return {
    id: row.id,
    teamId: row.teamId,
    projectId: row.projectId,
    name: row.name,
    artifactLocation: row.artifactLocation,
    lifecycleStage: lifecycleStageOf(row),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    tags: (row.tags ?? []).map(({ key, value }) => ({ key, value })),
  };
}

export function toRunView(row: RunRow): RunView {
  return {
    id: row.id,
    teamId: row.teamId,
    projectId: row.projectId,
    experimentId: row.experimentId,
    name: row.name,
    status: row.status,
    startTime: row.startTime,
    endTime: row.endTime,
    userName: row.userName,
    createdById: row.createdById,
    source: row.source,
    gitCommit: row.gitCommit,
    artifactUri: row.artifactUri,
    lifecycleStage: lifecycleStageOf(row),
  };
}

export function toLatestMetricView(row: LatestMetricRow & { key: string }): LatestMetricView {
  return {
    key: row.key,
    value: row.value,
    step: bigIntToNumber(row.step),
    timestamp: bigIntToNumber(row.timestamp),
  };
}

export function toRunDetail(row: RunDetailRow): RunDetail {
  return {
    ...toRunView(row),
    params: row.params.map(({ key, value }) => ({ key, value })),
    tags: row.tags.map(({ key, value }) => ({ key, value })),
    metrics: row.latestMetrics.map(toLatestMetricView),
    datasetInputs: Array.isArray(row.datasetInputs) ? (row.datasetInputs as unknown[]) : [],
  };
}
