import { describe, expect, it } from 'vitest';
import type { RolloutStrategy } from '../schemas/deployment';
import { blueGreenOverlapSeconds, trafficShiftCount } from './rollout-timing';

describe('how long both fleets run during a blue/green rollout', () => {
  const cases: Array<{
    strategy: RolloutStrategy;
    terminationWait: number;
    shifts: number;
    overlap: number;
  }> = [
    { strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 0 }, terminationWait: 0, shifts: 1, overlap: 0 },
    { strategy: { kind: 'ALL_AT_ONCE', waitSeconds: 600 }, terminationWait: 300, shifts: 1, overlap: 900 },
    {
      strategy: { kind: 'CANARY', canaryPercent: 10, bakeSeconds: 1800 },
      terminationWait: 0,
      shifts: 2,
      overlap: 3600,
    },
    {
      strategy: { kind: 'LINEAR', stepPercent: 20, intervalSeconds: 600 },
      terminationWait: 0,
      shifts: 5,
      overlap: 3000,
    },
    {
      strategy: { kind: 'LINEAR', stepPercent: 30, intervalSeconds: 600 },
      terminationWait: 60,
      shifts: 4,
      overlap: 2460,
    },
    { strategy: { kind: 'SHADOW', shadowPercent: 10, days: 7 }, terminationWait: 600, shifts: 0, overlap: 0 },
  ];
  it.each(cases)(
    '$strategy.kind: $shifts shifts, $overlap s',
    ({ strategy, terminationWait, shifts, overlap }) => {
      expect(trafficShiftCount(strategy)).toBe(shifts);
      expect(blueGreenOverlapSeconds(strategy, terminationWait)).toBe(overlap);
    },
  );
});
