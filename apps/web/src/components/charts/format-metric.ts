/**
 * A metric value for a table cell or an axis tick: up to `digits` significant digits, NaN and
 * infinities spelled as MLflow stores them.
 */
export function formatMetricValue(value: number, digits = 6): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  if (value !== 0 && (Math.abs(value) >= 1e9 || Math.abs(value) < 1e-4))
    return value.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits, useGrouping: false }).format(
    value,
  );
}

/** "showing 2,000 of 1,000,000 points (downsampled)", or null when every point is drawn. */
export function downsampleNote(shown: number, total: number, isDownsampled: boolean): string | null {
  if (!isDownsampled) return null;
  return `showing ${shown.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} points (downsampled)`;
}
