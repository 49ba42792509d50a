import { describe, expect, it } from 'vitest';
import { placeHint } from './hint-placement';

describe('placeHint', () => {
  it('centers the bubble above an anchor with room around it', () => {
    expect(placeHint({ top: 300, bottom: 330, left: 500, width: 100 }, 1280, 320)).toEqual({
      x: 550,
      y: 300,
      side: 'above',
    });
  });

  it('keeps a bubble as wide as it may grow inside the viewport at either edge', () => {
    expect(placeHint({ top: 300, bottom: 330, left: 0, width: 20 }, 1280, 320).x).toBe(168);
    expect(placeHint({ top: 300, bottom: 330, left: 1260, width: 20 }, 1280, 320).x).toBe(1112);
  });

  it('goes below an anchor at the top of the viewport', () => {
    expect(placeHint({ top: 10, bottom: 40, left: 500, width: 100 }, 1280, 320)).toEqual({
      x: 550,
      y: 40,
      side: 'below',
    });
  });

  it('on a viewport narrower than the bubble, centers it', () => {
    expect(placeHint({ top: 300, bottom: 330, left: 10, width: 20 }, 300, 320).x).toBe(150);
  });
});
