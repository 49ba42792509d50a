import { type CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';
import type { AdapterContext } from './adapter-support';

type CostExplorer = AdapterContext<CostExplorerClient>;

export interface DailyTagCost {
  /** `YYYY-MM-DD`, the UTC day billed. */
  day: string;
  /** The grouping tag's value; '' for spend without the tag. */
  tagValue: string;
  amountUsd: number;
}

// GetCostAndUsage pages by NextPageToken; a runaway loop would be a bug, not a big answer.
const MAX_PAGES = 50;

/**
 * Daily UnblendedCost over [start, end) (`YYYY-MM-DD`, end exclusive, as Cost Explorer takes it),
 * of resources whose `filterTag` is `filterValue`, grouped by `groupTag`. Every page.
 */
export async function getDailyCostsByTag(
  ctx: CostExplorer,
  input: { start: string; end: string; groupTag: string; filterTag: string; filterValue: string },
): Promise<DailyTagCost[]> {
  const costs: DailyTagCost[] = [];
  const prefix = `${input.groupTag}$`;
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const output = await ctx.call(
      { service: 'ce', operation: 'GetCostAndUsage', resourceType: 'ce:cost-and-usage', resourceId: null },
      () =>
        ctx.client.send(
          new GetCostAndUsageCommand({
            TimePeriod: { Start: input.start, End: input.end },
            Granularity: 'DAILY',
            Metrics: ['UnblendedCost'],
            GroupBy: [{ Type: 'TAG', Key: input.groupTag }],
            Filter: { Tags: { Key: input.filterTag, Values: [input.filterValue] } },
            ...(token ? { NextPageToken: token } : {}),
          }),
        ),
    );
    for (const result of output.ResultsByTime ?? []) {
      const day = result.TimePeriod?.Start;
      if (!day) continue;
      for (const group of result.Groups ?? []) {
        const key = group.Keys?.[0] ?? '';
        const amount = Number(group.Metrics?.UnblendedCost?.Amount ?? '0');
        if (!Number.isFinite(amount)) continue;
        costs.push({
          day,
          tagValue: key.startsWith(prefix) ? key.slice(prefix.length) : key,
          amountUsd: amount,
        });
      }
    }
    token = output.NextPageToken;
    if (!token) return costs;
  }
  throw new Error(`GetCostAndUsage returned more than ${MAX_PAGES} pages`);
}
