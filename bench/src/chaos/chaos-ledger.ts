import type { Outcome } from './chaos-http';

export type RequestKind =
  | 'mlflow runs/create'
  | 'mlflow log-batch'
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
  readonly runIds: string[] = [];
  /** Per acknowledged run: the `key|step` of every acknowledged metric point. */
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
