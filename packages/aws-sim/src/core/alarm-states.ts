export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmStateRecord {
  state: AlarmState;
  reason: string;
  /** Epoch ms; endpoint rollbacks start from the moment the alarm fired, not when it was read. */
  changedAt: number;
  /** Set through the admin API: metric evaluation leaves it alone until the override is cleared. */
  isManual: boolean;
}

/**
 * Alarm states by name. SageMaker's AutoRollbackConfiguration refers to CloudWatch alarms by name,
 * so this is the seam between the two: the admin API (and CloudWatch, once simulated) writes it,
 * endpoint updates read it.
 */
export class AlarmStates {
  /** Public for persistence only. */
  readonly states = new Map<string, AlarmStateRecord>();
  /** Told when an alarm goes into ALARM (its actions run then: a step scaling policy, say). */
  onAlarm: (name: string, at: number) => void = () => {};

  get(name: string): AlarmStateRecord | undefined {
    return this.states.get(name);
  }

  set(name: string, state: AlarmState, reason: string, at = Date.now(), isManual = false): void {
    const current = this.states.get(name);
    if (current?.state === state) {
      this.states.set(name, { ...current, reason, isManual });
      return;
    }
    this.states.set(name, { state, reason, changedAt: at, isManual });
    if (state === 'ALARM') this.onAlarm(name, at);
  }

  /** Forgets an alarm's state (the alarm was deleted). */
  delete(name: string): void {
    this.states.delete(name);
  }

  /** Drops every admin override; metric alarms take their evaluated state on the next read. */
  clearManual(): void {
    for (const [name, record] of this.states) {
      if (record.isManual) this.states.delete(name);
    }
  }

  entries(): [string, AlarmStateRecord][] {
    return [...this.states.entries()];
  }

  reset(): void {
    this.states.clear();
  }
}
