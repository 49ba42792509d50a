/** Keys whose values never belong in an audit record, at any depth. */
const SECRET_KEY =
  /pass(word)?|secret|token(?!id|count|prefix)|hash|authorization|credential|cookie|session(?!id)|private/i;
const MAX_STRING = 2_000;
const MAX_DEPTH = 6;

/** Copies a before/after value for the audit trail with secrets masked and sizes bounded. */
export function redactForAudit(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.slice(0, 100).map((item) => redactForAudit(item, depth + 1));
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return redactForAudit((value as { toJSON: () => unknown }).toJSON(), depth);
  }
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redactForAudit(member, depth + 1);
  }
  return out;
}
