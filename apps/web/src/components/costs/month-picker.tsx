'use client';

import { NativeSelect } from '@mantine/core';

const MONTHS_BACK = 12;

/** The last twelve months (UTC) as `YYYY-MM-01`; the current month first. */
function recentMonths(now: Date = new Date()) {
  return Array.from({ length: MONTHS_BACK }, (_, index) => {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - index, 1));
    return {
      value: month.toISOString().slice(0, 10),
      label: month.toLocaleDateString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
    };
  });
}

/** Which month a cost page shows: a native select, so the cost pages do without Mantine's combobox. */
export function MonthPicker({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (month: string) => void;
}) {
  const months = recentMonths();
  return (
    <NativeSelect
      label="Month"
      data={months}
      value={value ?? months[0]!.value}
      onChange={(event) => onChange(event.currentTarget.value)}
      w={200}
    />
  );
}
