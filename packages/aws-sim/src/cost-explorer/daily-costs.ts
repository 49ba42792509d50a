import type { ResourceStore, ResourceSummary } from '../core/caller';

/** One day's spend on resources carrying these tags, as Cost Explorer would have billed it. */
export interface DailyCost {
  /** `YYYY-MM-DD`, a UTC day. */
  day: string;
  tags: Record<string, string>;
  amountUsd: number;
}

export class DailyCostInputError extends Error {}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Validates the admin body `{ rows: [{ day, tags, amountUsd }] }`. */
export function parseDailyCosts(body: Record<string, unknown>): DailyCost[] {
  const { rows } = body;
  if (!Array.isArray(rows)) throw new DailyCostInputError('rows must be an array');
  return rows.map((row: unknown, index) => {
    const { day, tags, amountUsd } = (row ?? {}) as Record<string, unknown>;
    if (typeof day !== 'string' || !ISO_DAY.test(day))
      throw new DailyCostInputError(`rows[${index}].day must be YYYY-MM-DD`);
    if (!tags || typeof tags !== 'object' || Array.isArray(tags))
      throw new DailyCostInputError(`rows[${index}].tags must be an object of strings`);
    const entries = Object.entries(tags);
    if (entries.some(([, value]) => typeof value !== 'string'))
      throw new DailyCostInputError(`rows[${index}].tags must be an object of strings`);
    if (typeof amountUsd !== 'number' || !Number.isFinite(amountUsd) || amountUsd < 0)
      throw new DailyCostInputError(`rows[${index}].amountUsd must be a number of at least 0`);
    return { day, tags: Object.fromEntries(entries) as Record<string, string>, amountUsd };
  });
}

/**
 * The sim has no price list, so the spend Cost Explorer reports is what tests and the demo set
 * through the admin API, day by day and by tag.
 */
export class DailyCostStore implements ResourceStore {
  readonly rows: DailyCost[] = [];

  add(rows: readonly DailyCost[]): void {
    this.rows.push(...rows);
  }

  list(): ResourceSummary[] {
    return [];
  }

  reset(): void {
    this.rows.length = 0;
  }
}
