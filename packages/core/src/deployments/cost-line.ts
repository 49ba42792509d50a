/** One row of a cost preview: what is billed, how much of it, at what price. */
export interface CostLine {
  label: string;
  quantity: number;
  /** What `quantity` counts, e.g. `instance-hours`, `GB-seconds`, `GB`. */
  unit: string;
  unitPriceUsd: number;
  usd: number;
}

export function roundUsd(usd: number): number {
  return Math.round(usd * 100) / 100;
}

export function costLine(label: string, quantity: number, unit: string, unitPriceUsd: number): CostLine {
  return { label, quantity, unit, unitPriceUsd, usd: roundUsd(quantity * unitPriceUsd) };
}

export function formatUsd(usd: number): string {
  return usd.toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}
