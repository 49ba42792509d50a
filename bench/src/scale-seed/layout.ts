import { seededUuid } from '../tracking-seed';

/** The sizes of a scale seed; the marker row records them with the seed. */
export interface ScaleSpec {
  seed: number;
  teams: number;
  projects: number;
  experimentsPerProject: number;
  /** Extra members per team besides the demo people. */
  membersPerTeam: number;
  runs: number;
  /** Runs that go to each team's first experiment, so some runs tables fill several pages. */
  hotRunsPerTeam: number;
  keys: number;
  steps: number;
  longSeries: number;
  longSeriesPoints: number;
  versionsPerGroup: number;
  /** One deployment per project, each with `metricDays` of per-minute `deploymentMetrics`. */
  deployments: number;
  metricDays: number;
  deploymentMetrics: string[];
  auditEvents: number;
}

/** The scale; `fraction` shrinks the big tables (runs, points, minutes, audit) for a quick try. */
export function scaleSpec(seed: number, fraction = 1): ScaleSpec {
  const scaled = (full: number, least = 1) => Math.max(least, Math.round(full * fraction));
  return {
    seed,
    teams: 20,
    projects: 500,
    experimentsPerProject: 2,
    membersPerTeam: 10,
    runs: scaled(10_000, 3_000),
    hotRunsPerTeam: scaled(100, 10),
    keys: 20,
    steps: 100,
    longSeries: 3,
    longSeriesPoints: scaled(1_000_000, 1_000),
    versionsPerGroup: 4,
    deployments: 500,
    metricDays: scaled(30),
    deploymentMetrics: ['invocations', 'model_latency_p50'],
    auditEvents: scaled(1_000_000, 1_000),
  };
}

const TEAM_NAMES = [
  'Fraud Detection',
  'Recommendations',
  'Search Ranking',
  'Demand Forecasting',
  'Pricing',
  'Churn',
  'Credit Risk',
  'Ads Relevance',
  'Vision',
  'Speech',
  'Language',
  'Logistics',
  'Supply Chain',
  'Marketing Mix',
  'Customer Support',
  'Security Analytics',
  'Payments',
  'Growth',
  'Insurance Claims',
  'Health Signals',
];

/** Every id of a seed, derived from the seed and the row's kind and index (md5 as a v4 uuid). */
export const scaleId = (seed: number, kind: string, index: number | string) =>
  seededUuid(`cairn-bench:${seed}:${kind}:${index}`);

export const teamName = (t: number) => (t < TEAM_NAMES.length ? (TEAM_NAMES[t] as string) : `Team ${t + 1}`);

/** Projects go round the teams, so team `t` holds projects t, t + teams, t + 2 teams, ... */
export const teamOfProject = (spec: ScaleSpec, p: number) => p % spec.teams;

export const experimentIndex = (spec: ScaleSpec, p: number, e: number) => p * spec.experimentsPerProject + e;

/**
 * The experiment of every run: the first `hotRunsPerTeam x teams` runs go to each team's first
 * experiment (that of its first project), the rest round all experiments.
 */
export function runExperimentIndexes(spec: ScaleSpec): number[] {
  const experiments = spec.projects * spec.experimentsPerProject;
  const hot = spec.hotRunsPerTeam * spec.teams;
  return Array.from({ length: spec.runs }, (_, r) =>
    r < hot ? experimentIndex(spec, r % spec.teams, 0) : (r - hot) % experiments,
  );
}

/** The long series all belong to the first team: its first project's experiments, then its second project's. */
export function longRunExperimentIndexes(spec: ScaleSpec): number[] {
  return Array.from({ length: spec.longSeries }, (_, i) =>
    i < spec.experimentsPerProject ? experimentIndex(spec, 0, i) : experimentIndex(spec, spec.teams, 0),
  );
}
