/**
 * A metric value as captured in JSON: its decimal text, so NaN, Infinity, -Infinity and -0 survive.
 */
export function encodeMetricValue(value: number): string {
  return Object.is(value, -0) ? '-0' : String(value);
}

export function decodeMetricValue(text: string): number {
  return Number(text);
}
