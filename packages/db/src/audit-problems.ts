import type { AuditProblem } from './audit-report';

/** Collects problems in the order they are found, keeping the first `limit` and counting the rest. */
export class AuditProblems {
  readonly listed: AuditProblem[] = [];
  omitted = 0;

  constructor(private readonly limit = 200) {}

  add(problem: AuditProblem) {
    if (this.listed.length < this.limit) this.listed.push(problem);
    else this.omitted += 1;
  }

  /** Drops what was said about event `seq` (a later row showed what really happened to it). */
  retractEvent(seq: string) {
    for (let i = this.listed.length - 1; i >= 0 && this.listed[i]?.seq === seq; i--) this.listed.splice(i, 1);
  }

  get count() {
    return this.listed.length + this.omitted;
  }
}
