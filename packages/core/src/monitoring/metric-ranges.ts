/** The time ranges a deployment's metric charts offer, and the minutes each covers. */
export const METRIC_RANGES = ['1h', '6h', '24h', '7d', '30d'] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];
export const RANGE_MINUTES: Record<MetricRange, number> = {
  '1h': 60,
  '6h': 360,
  '24h': 1_440,
  '7d': 10_080,
  '30d': 43_200,
};
