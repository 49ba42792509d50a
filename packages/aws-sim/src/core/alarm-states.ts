export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmStateRecord {
  state: AlarmState;
  reason: string;
  /** Epoch ms; endpoint rollbacks start from the moment the alarm fired, not when it was read. */
  changedAt: number;
}

/**
 * Alarm states by name. SageMaker's AutoRollbackConfiguration refers to CloudWatch alarms by name,
 * so this is the seam between the two: the admin API (and CloudWatch, once simulated) writes it,
 * endpoint updates read it.
 */
export class AlarmStates {
  private readonly states = new Map<string, AlarmStateRecord>();

  get(name: string): AlarmStateRecord | undefined {
    return this.states.get(name);
  }

  set(name: string, state: AlarmState, reason: string, at = Date.now()): void {
    const current = this.states.get(name);
    if (current?.state === state) return;
    this.states.set(name, { state, reason, changedAt: at });
  }

  entries(): [string, AlarmStateRecord][] {
    return [...this.states.entries()];
  }

  reset(): void {
    this.states.clear();
  }
}
