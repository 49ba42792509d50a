import { describe, expect, it } from 'vitest';
import {
  auditExportSearchParams,
  auditFiltersFromSearchParams,
  auditFiltersToSearchParams,
  EMPTY_AUDIT_FILTERS,
} from './audit-filter-params';

describe('audit filter params', () => {
  it('reads a resource history link and round-trips the filters through the URL', () => {
    const values = auditFiltersFromSearchParams({
      resourceType: 'Project',
      resourceId: ' p-1 ',
      outcome: 'DENIED',
    });
    expect(values).toEqual({
      ...EMPTY_AUDIT_FILTERS,
      resourceType: 'Project',
      resourceId: 'p-1',
      outcome: 'DENIED',
    });
    const query = auditFiltersToSearchParams(values).toString();
    expect(query).toBe('resourceType=Project&resourceId=p-1&outcome=DENIED');
    expect(auditFiltersFromSearchParams(Object.fromEntries(new URLSearchParams(query)))).toEqual(values);
  });

  it('ignores an unknown outcome and malformed days, and takes the first of repeated keys', () => {
    expect(
      auditFiltersFromSearchParams({
        outcome: 'MAYBE',
        from: 'yesterday',
        to: '2026-12-06',
        actor: ['a', 'b'],
      }),
    ).toEqual({ ...EMPTY_AUDIT_FILTERS, toDate: '2026-12-06', actor: 'a' });
  });

  it('gives the export the whole UTC days of the range', () => {
    const params = auditExportSearchParams(
      { ...EMPTY_AUDIT_FILTERS, fromDate: '2026-12-01', toDate: '2026-12-06' },
      'jsonl',
    );
    expect(Object.fromEntries(params)).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-06T23:59:59.999Z',
      format: 'jsonl',
    });
  });
});
