import type { SimClock } from '../core/clock';
import { asRecords, Problems } from '../core/validation';
import { SECONDS } from './common';

const ROUTING_TYPES = ['ALL_AT_ONCE', 'CANARY', 'LINEAR'] as const;
const SIZE_TYPES = ['INSTANCE_COUNT', 'CAPACITY_PERCENT'] as const;
const MAX_ALARMS = 10;

export interface CapacitySize {
  type: (typeof SIZE_TYPES)[number];
  value: number;
}

export interface DeploymentConfig {
  routing: (typeof ROUTING_TYPES)[number];
  waitSeconds: number;
  terminationWaitSeconds: number;
  size: CapacitySize | undefined;
  alarms: string[];
}

function checkSize(
  problems: Problems,
  parent: Record<string, unknown>,
  member: 'CanarySize' | 'LinearStepSize',
  path: string,
  isRequired: boolean,
): CapacitySize | undefined {
  const size = problems.object(parent, member, `${path}.${member}`, { required: isRequired });
  if (!size) return undefined;
  const type = problems.string(size, 'Type', `${path}.${member}.Type`, {
    required: true,
    values: SIZE_TYPES,
  });
  const value = problems.number(size, 'Value', `${path}.${member}.Value`, { required: true, min: 1 });
  if (type === 'CAPACITY_PERCENT' && value !== undefined && value > 100) {
    problems.add(
      value,
      `${path}.${member}.Value`,
      'have value less than or equal to 100 when Type is CAPACITY_PERCENT',
    );
  }
  if (type === undefined || value === undefined) return undefined;
  return { type: type as CapacitySize['type'], value };
}

/**
 * Validates UpdateEndpoint's DeploymentConfig with SageMaker's documented limits and returns the
 * parts the simulation needs. RollingUpdatePolicy is accepted but simulated as all-at-once.
 */
export function parseDeploymentConfig(
  raw: Record<string, unknown> | undefined,
): DeploymentConfig | undefined {
  if (!raw) return undefined;
  const problems = new Problems();
  const base = 'DeploymentConfig';
  const blueGreen = problems.object(raw, 'BlueGreenUpdatePolicy', `${base}.BlueGreenUpdatePolicy`);
  let routing: DeploymentConfig['routing'] = 'ALL_AT_ONCE';
  let waitSeconds = 0;
  let terminationWaitSeconds = 0;
  let size: CapacitySize | undefined;
  if (blueGreen) {
    const path = `${base}.BlueGreenUpdatePolicy`;
    const traffic = problems.object(
      blueGreen,
      'TrafficRoutingConfiguration',
      `${path}.TrafficRoutingConfiguration`,
      {
        required: true,
      },
    );
    terminationWaitSeconds =
      problems.number(blueGreen, 'TerminationWaitInSeconds', `${path}.TerminationWaitInSeconds`, {
        min: 0,
        max: 3600,
      }) ?? 0;
    problems.number(
      blueGreen,
      'MaximumExecutionTimeoutInSeconds',
      `${path}.MaximumExecutionTimeoutInSeconds`,
      {
        min: 600,
        max: 28_800,
      },
    );
    if (traffic) {
      const trafficPath = `${path}.TrafficRoutingConfiguration`;
      const type = problems.string(traffic, 'Type', `${trafficPath}.Type`, {
        required: true,
        values: ROUTING_TYPES,
      });
      waitSeconds =
        problems.number(traffic, 'WaitIntervalInSeconds', `${trafficPath}.WaitIntervalInSeconds`, {
          required: true,
          min: 0,
          max: 3600,
        }) ?? 0;
      const canary = checkSize(problems, traffic, 'CanarySize', trafficPath, type === 'CANARY');
      const linear = checkSize(problems, traffic, 'LinearStepSize', trafficPath, type === 'LINEAR');
      if (type && (ROUTING_TYPES as readonly string[]).includes(type))
        routing = type as DeploymentConfig['routing'];
      size = routing === 'CANARY' ? canary : routing === 'LINEAR' ? linear : undefined;
    }
  }
  const rollback = problems.object(raw, 'AutoRollbackConfiguration', `${base}.AutoRollbackConfiguration`);
  const alarms = asRecords(
    rollback &&
      problems.array(rollback, 'Alarms', `${base}.AutoRollbackConfiguration.Alarms`, {
        min: 1,
        max: MAX_ALARMS,
      }),
  ).map(
    (alarm, index) =>
      problems.string(
        alarm,
        'AlarmName',
        `${base}.AutoRollbackConfiguration.Alarms.${index + 1}.member.AlarmName`,
        {
          required: true,
          min: 1,
          max: 255,
          pattern: /^(?!\s*$).+$/,
        },
      ) ?? '',
  );
  problems.throwIfAny();
  return { routing, waitSeconds, terminationWaitSeconds, size, alarms };
}

export interface UpdatePlan {
  /** Traffic shifts to the new fleet: at epoch ms, percent of traffic on it. */
  shifts: { at: number; trafficPercent: number }[];
  /** Alarms are watched from the first shift until the plan ends, as SageMaker bakes. */
  monitorFrom: number;
  doneAt: number;
}

function percentOf(size: CapacitySize | undefined, instanceCount: number): number {
  if (!size) return 100;
  const percent = size.type === 'CAPACITY_PERCENT' ? size.value : (size.value / instanceCount) * 100;
  return Math.min(100, Math.max(1, percent));
}

/** Lays out the blue/green timeline: provision the new fleet, shift traffic in steps, bake, terminate. */
export function planUpdate(
  clock: SimClock,
  start: number,
  config: DeploymentConfig | undefined,
  instanceCount: number,
): UpdatePlan {
  const provisioned = clock.after(SECONDS.fleetProvision, start);
  if (!config) {
    return {
      shifts: [{ at: provisioned, trafficPercent: 100 }],
      monitorFrom: provisioned,
      doneAt: provisioned,
    };
  }
  const shifts: UpdatePlan['shifts'] = [];
  let at = provisioned;
  if (config.routing === 'ALL_AT_ONCE') {
    shifts.push({ at, trafficPercent: 100 });
  } else if (config.routing === 'CANARY') {
    shifts.push({ at, trafficPercent: percentOf(config.size, instanceCount) });
    at = clock.after(config.waitSeconds, at);
    shifts.push({ at, trafficPercent: 100 });
  } else {
    const step = percentOf(config.size, instanceCount);
    for (let percent = step; ; percent += step) {
      shifts.push({ at, trafficPercent: Math.min(100, percent) });
      if (percent >= 100) break;
      at = clock.after(config.waitSeconds, at);
    }
  }
  // After the last shift SageMaker bakes for one more wait interval, then keeps the old fleet for TerminationWait.
  const baked = clock.after(config.waitSeconds, at);
  return { shifts, monitorFrom: provisioned, doneAt: clock.after(config.terminationWaitSeconds, baked) };
}
