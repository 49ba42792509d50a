'use client';

import { MultiSelect } from '@mantine/core';
import { type ColumnId, columnIdToString, parseColumnId } from './runs-query';

interface ColumnPickerProps {
  metricKeys: ReadonlyArray<string>;
  paramKeys: ReadonlyArray<string>;
  tagKeys: ReadonlyArray<string>;
  value: ReadonlyArray<ColumnId>;
  onChange: (columns: ColumnId[]) => void;
}

/** Which metrics, params and tags get a column; the choice travels in the URL with the filter. */
export function ColumnPicker({ metricKeys, paramKeys, tagKeys, value, onChange }: ColumnPickerProps) {
  const group = (label: string, entity: ColumnId['entity'], keys: ReadonlyArray<string>) => ({
    group: label,
    items: keys.map((key) => {
      const id = columnIdToString({ entity, key });
      return { value: id, label: id };
    }),
  });
  const data = [
    group('Metrics', 'metrics', metricKeys),
    group('Params', 'params', paramKeys),
    group('Tags', 'tags', tagKeys),
  ].filter((entry) => entry.items.length > 0);
  // A column picked in a shared link may name a key no loaded run has yet: keep it selectable.
  const known = new Set(data.flatMap((entry) => entry.items.map((item) => item.value)));
  const extra = value.map(columnIdToString).filter((id) => !known.has(id));
  if (extra.length > 0) data.push({ group: 'Other', items: extra.map((id) => ({ value: id, label: id })) });

  return (
    <MultiSelect
      aria-label="Columns"
      placeholder={value.length === 0 ? 'Columns' : undefined}
      data={data}
      value={value.map(columnIdToString)}
      onChange={(ids) =>
        onChange(ids.map(parseColumnId).filter((column): column is ColumnId => column !== null))
      }
      searchable
      clearable
      maxDropdownHeight={320}
      w={360}
      comboboxProps={{ width: 320, position: 'bottom-end' }}
      nothingFoundMessage="No such key"
    />
  );
}
