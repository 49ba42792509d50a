import { deploymentSpecSchema } from '../schemas/deployment';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A shadow deployment's test window: how much traffic it copies and for how long. */
export interface ShadowWindow {
  shadowPercent: number;
  days: number;
  /** When the shadow variant is due to end: its days counted from the moment it came in service. */
  endsAt: Date | null;
  endedAt: Date | null;
}

/** The shadow window of a deployment (its stored spec), or null when it is not a shadow deployment. */
export function shadowWindowOf(deployment: {
  spec: unknown;
  inServiceAt: Date | null;
  shadowEndedAt: Date | null;
}): ShadowWindow | null {
  const parsed = deploymentSpecSchema.safeParse(deployment.spec);
  const spec = parsed.success ? parsed.data : null;
  if (spec?.type !== 'REALTIME' || spec.strategy.kind !== 'SHADOW') return null;
  return {
    shadowPercent: spec.strategy.shadowPercent,
    days: spec.strategy.days,
    endsAt: deployment.inServiceAt
      ? new Date(deployment.inServiceAt.getTime() + spec.strategy.days * DAY_MS)
      : null,
    endedAt: deployment.shadowEndedAt,
  };
}

/** Whether a running shadow variant's days have passed and it should end now. */
export function isShadowDue(window: ShadowWindow | null, now: Date): boolean {
  if (!window || window.endedAt || !window.endsAt) return false;
  return window.endsAt.getTime() <= now.getTime();
}
