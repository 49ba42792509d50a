import { describe, expect, it } from 'vitest';
import { costAllocationTags } from './deployment-aws';

describe('the tags on what a deployment creates', () => {
  it('name its team, project and deployment: the cost-allocation tags Cost Explorer groups by', () => {
    const tags = costAllocationTags({
      id: '0193c0de-0000-7000-8000-000000000001',
      project: { slug: 'card-fraud-scoring', team: { slug: 'fraud-detection' } },
    } as Parameters<typeof costAllocationTags>[0]);
    expect(tags).toEqual({
      'cairn:team': 'fraud-detection',
      'cairn:project': 'card-fraud-scoring',
      'cairn:deployment': '0193c0de-0000-7000-8000-000000000001',
    });
  });
});
