/** Who made a request, as recorded on every resource it creates (tests assert on the role). */
export interface Caller {
  accessKeyId: string;
  accountId: string;
  /** The IAM role behind an AssumeRole session; undefined for long-term keys. */
  roleArn?: string;
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>` for AssumeRole sessions. */
  assumedRoleArn?: string;
  sourceIdentity?: string;
}

/** One resource as the admin API lists it. */
export interface ResourceSummary {
  type: string;
  name: string;
  arn: string;
  status: string;
  createdAt: string;
  createdBy: Caller;
  details?: Record<string, unknown>;
}

/** A service that owns resources the admin API can list and reset. */
export interface ResourceStore {
  list(): ResourceSummary[];
  reset(): void;
}
