/**
 * One RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. A value a
 * spreadsheet would run as a formula (leading = + - @, tab or carriage return) gets a leading
 * apostrophe, so an exported cell can never execute.
 */
export function csvField(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvRow(values: ReadonlyArray<string | null | undefined>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
