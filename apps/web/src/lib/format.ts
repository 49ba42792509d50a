import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import utc from 'dayjs/plugin/utc';

dayjs.extend(relativeTime);
dayjs.extend(utc);

type DateLike = Date | string | null | undefined;

/** Local date and time, e.g. "2026-11-25 14:03". */
export function formatDateTime(value: DateLike): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatDate(value: DateLike): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

/** "3 minutes ago", "in 89 days". */
export function formatRelative(value: DateLike, now: Date = new Date()): string {
  return value ? dayjs(value).from(now) : 'never';
}

/** Exact UTC instant, for tooltips and the audit trail. */
export function formatUtc(value: DateLike): string {
  return value ? `${dayjs(value).utc().format('YYYY-MM-DD HH:mm:ss')} UTC` : '—';
}

export function initials(name: string): string {
  const trimmed = name.trim();
  const parts = trimmed.split(/\s+/).filter(Boolean);
  const letters =
    parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts[parts.length - 1]?.[0] ?? ''}` : trimmed.slice(0, 2);
  return letters.toUpperCase() || '?';
}
