import { AUDIT_OUTCOMES } from '@cairn/core/audit-outcomes';

/** The audit page's filters as the form holds them; all text, so they round-trip through a URL. */
export interface AuditFilterValues {
  teamId: string | null;
  actor: string;
  action: string;
  resourceType: string;
  /** Free text within the resource id. */
  resourceId: string;
  outcome: (typeof AUDIT_OUTCOMES)[number] | null;
  /** yyyy-mm-dd, inclusive, in UTC. */
  fromDate: string;
  toDate: string;
}

export const EMPTY_AUDIT_FILTERS: AuditFilterValues = {
  teamId: null,
  actor: '',
  action: '',
  resourceType: '',
  resourceId: '',
  outcome: null,
  fromDate: '',
  toDate: '',
};

type SearchParams = Record<string, string | string[] | undefined>;

const TEXT_KEYS = ['actor', 'action', 'resourceType', 'resourceId'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters from the page's query string (?resourceType=Project&resourceId=...), ignoring junk. */
export function auditFiltersFromSearchParams(params: SearchParams): AuditFilterValues {
  const one = (key: string) => {
    const value = params[key];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  const outcome = one('outcome');
  const values: AuditFilterValues = {
    ...EMPTY_AUDIT_FILTERS,
    teamId: one('teamId') || null,
    outcome: (AUDIT_OUTCOMES as readonly string[]).includes(outcome)
      ? (outcome as AuditFilterValues['outcome'])
      : null,
    fromDate: DAY.test(one('from')) ? one('from') : '',
    toDate: DAY.test(one('to')) ? one('to') : '',
  };
  for (const key of TEXT_KEYS) values[key] = one(key).slice(0, key === 'actor' ? 254 : 200);
  return values;
}

/** The query string for these filters (the page's URL, and the export's). */
export function auditFiltersToSearchParams(values: AuditFilterValues): URLSearchParams {
  const params = new URLSearchParams();
  if (values.teamId) params.set('teamId', values.teamId);
  for (const key of TEXT_KEYS) if (values[key].trim()) params.set(key, values[key].trim());
  if (values.outcome) params.set('outcome', values.outcome);
  if (values.fromDate) params.set('from', values.fromDate);
  if (values.toDate) params.set('to', values.toDate);
  return params;
}

/** The query the export route takes: the same filters, with the day range made explicit in UTC. */
export function auditExportSearchParams(values: AuditFilterValues, format: 'csv' | 'jsonl'): URLSearchParams {
  const params = auditFiltersToSearchParams(values);
  if (values.fromDate) params.set('from', `${values.fromDate}T00:00:00.000Z`);
  if (values.toDate) params.set('to', `${values.toDate}T23:59:59.999Z`);
  params.set('format', format);
  return params;
}
