import { describe, expect, it } from 'vitest';
import { mapInOrder } from './map-in-order';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapInOrder', () => {
  it('keeps the order of the items whatever order the calls finish in', async () => {
    const results = await mapInOrder([30, 5, 20, 1, 10], 3, async (ms, index) => {
      await tick(ms);
      return `${index}:${ms}`;
    });
    expect(results).toEqual(['0:30', '1:5', '2:20', '3:1', '4:10']);
  });

  it('never has more than the limit in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await mapInOrder(
      Array.from({ length: 20 }, (_, i) => i),
      4,
      async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await tick(2);
        inFlight -= 1;
      },
    );
    expect(most).toBe(4);
  });

  it('answers an empty list with an empty list and passes a failure on', async () => {
    expect(await mapInOrder([], 4, async () => 1)).toEqual([]);
    await expect(
      mapInOrder([1, 2, 3], 2, async (item) => {
        if (item === 2) throw new Error('no');
        return item;
      }),
    ).rejects.toThrow('no');
  });
});
