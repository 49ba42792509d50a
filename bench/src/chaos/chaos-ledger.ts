import type { Outcome } from './chaos-http';

/** MLflow's run_id is the run's uuid without its dashes; the database and tRPC take the uuid. */
export function uuidOfHex(hex: string): string {
  const digits = hex.replaceAll('-', '');
  return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
}

export type RequestKind =
  | 'mlflow runs/create'
  | 'mlflow log-batch'
  | 'mlflow runs/update'
  | 'mlflow runs/get'
  | 'trpc modelGroup.create'
  | 'trpc modelVersion.register'
  | 'trpc deployment.create'
  | 'trpc reads';

export interface RequestTally {
  sent: number;
  acknowledged: number;
  refused: number;
  failed: number;
}

export interface Failure {
  at: number;
  kind: RequestKind;
  reason: string;
}

export interface AckedDeployment {
  id: string;
  type: 'SERVERLESS' | 'BATCH';
}

/**
 * Every request the load sent and every write the portal acknowledged (answered 2xx), kept on the
 * client side: the checks afterwards look for each acknowledged write in the database.
 */
export class Ledger {
  readonly tallies = new Map<RequestKind, RequestTally>();
  readonly failures: Failure[] = [];
  readonly refusals: Failure[] = [];
  /** MLflow run ids, as the API answered them. */
  readonly runIds: string[] = [];
  /** The finished runs the release loop registers versions from. */
  readonly releaseRunIds: string[] = [];
  /** Per acknowledged run (MLflow id): the `key|step` of every acknowledged metric point. */
  readonly points = new Map<string, Set<string>>();
  readonly modelGroupIds: string[] = [];
  readonly modelVersionIds: string[] = [];
  readonly deployments: AckedDeployment[] = [];

  record<T>(kind: RequestKind, outcome: Outcome<T>): Outcome<T> {
    const tally = this.tallies.get(kind) ?? { sent: 0, acknowledged: 0, refused: 0, failed: 0 };
    tally.sent++;
    if (outcome.kind === 'ok') tally.acknowledged++;
    else if (outcome.kind === 'refused') {
      tally.refused++;
      this.refusals.push({ at: Date.now(), kind, reason: `${outcome.status} ${outcome.message}` });
    } else {
      tally.failed++;
      this.failures.push({ at: Date.now(), kind, reason: outcome.reason });
    }
    this.tallies.set(kind, tally);
    return outcome;
  }

  ackPoints(runId: string, keys: string[], steps: number[]) {
    const acked = this.points.get(runId) ?? new Set<string>();
    for (const key of keys) for (const step of steps) acked.add(`${key}|${step}`);
    this.points.set(runId, acked);
  }

  get pointCount(): number {
    let count = 0;
    for (const acked of this.points.values()) count += acked.size;
    return count;
  }

  total(): RequestTally {
    const total = { sent: 0, acknowledged: 0, refused: 0, failed: 0 };
    for (const tally of this.tallies.values()) {
      total.sent += tally.sent;
      total.acknowledged += tally.acknowledged;
      total.refused += tally.refused;
      total.failed += tally.failed;
    }
    return total;
  }
}
