import { describe, expect, it } from 'vitest';
import { SERVERLESS_MEMORY_SIZES_MB, serverlessPricePerSecond } from './serverless-pricing';

describe('serverless price per second', () => {
  const cases = [
    { memorySizeMb: 1024, perSecond: 0.00002 },
    { memorySizeMb: 2048, perSecond: 0.00004 },
    { memorySizeMb: 4096, perSecond: 0.00008 },
    { memorySizeMb: 6144, perSecond: 0.00012 },
  ];
  it.each(cases)('is $perSecond at $memorySizeMb MB', ({ memorySizeMb, perSecond }) => {
    expect(serverlessPricePerSecond(memorySizeMb)).toBeCloseTo(perSecond, 10);
  });

  it('offers the six memory sizes SageMaker accepts', () => {
    expect(SERVERLESS_MEMORY_SIZES_MB).toEqual([1024, 2048, 3072, 4096, 5120, 6144]);
  });
});
