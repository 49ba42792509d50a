/** mulberry32: tiny, fast, and reproducible, which is all fault injection needs from a PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** SageMaker's execution ids are 12 lowercase alphanumerics. */
export function lowerAlphanumericId(length: number): string {
  let id = '';
  for (let index = 0; index < length; index++) {
    id += ALPHANUMERIC[Math.floor(Math.random() * ALPHANUMERIC.length)];
  }
  return id;
}
