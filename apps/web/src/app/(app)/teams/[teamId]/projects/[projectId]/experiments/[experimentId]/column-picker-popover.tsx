'use client';

import { Button, Checkbox, Group, Popover, Stack, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { ScrollBox } from '~/components/scroll-box';
import { type ColumnEntity, type ColumnId, columnIdToString } from './runs-query';

export interface ColumnPickerProps {
  metricKeys: ReadonlyArray<string>;
  paramKeys: ReadonlyArray<string>;
  tagKeys: ReadonlyArray<string>;
  value: ReadonlyArray<ColumnId>;
  onChange: (columns: ColumnId[]) => void;
  /** Back to the columns the table picks by itself (the URL then names none). */
  onReset: () => void;
}

const GROUPS: ReadonlyArray<{ entity: ColumnEntity; label: string }> = [
  { entity: 'metrics', label: 'Metrics' },
  { entity: 'params', label: 'Params' },
  { entity: 'tags', label: 'Tags' },
];

/** The column picker's popover, open from the moment it mounts (see ColumnPicker). */
export function ColumnPickerPopover({
  target,
  metricKeys,
  paramKeys,
  tagKeys,
  value,
  onChange,
  onReset,
}: ColumnPickerProps & { target: ReactElement }) {
  const keysOf: Record<ColumnEntity, ReadonlyArray<string>> = {
    metrics: metricKeys,
    params: paramKeys,
    tags: tagKeys,
  };
  const chosen = new Set(value.map(columnIdToString));

  function toggle(column: ColumnId, isChecked: boolean) {
    const id = columnIdToString(column);
    onChange(isChecked ? [...value, column] : value.filter((item) => columnIdToString(item) !== id));
  }

  return (
    <Popover position="bottom-end" shadow="md" width={300} withinPortal defaultOpened>
      <Popover.Target>{target}</Popover.Target>
      <Popover.Dropdown>
        <ScrollBox mah={380}>
          <Stack gap="sm" pr="xs">
            {GROUPS.map(({ entity, label }) => {
              // A column named in a shared link may be a key no loaded run has: keep it listed.
              const keys = [
                ...new Set([
                  ...keysOf[entity],
                  ...value.filter((column) => column.entity === entity).map((column) => column.key),
                ]),
              ];
              if (keys.length === 0) return null;
              return (
                <Stack key={entity} gap={6} role="group" aria-label={label}>
                  <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                    {label}
                  </Text>
                  {keys.map((key) => (
                    <Checkbox
                      key={key}
                      size="xs"
                      label={key}
                      checked={chosen.has(columnIdToString({ entity, key }))}
                      onChange={(event) => toggle({ entity, key }, event.currentTarget.checked)}
                      styles={{
                        label: { fontFamily: 'var(--mantine-font-family-monospace)', wordBreak: 'break-all' },
                      }}
                    />
                  ))}
                </Stack>
              );
            })}
          </Stack>
        </ScrollBox>
        <Group justify="flex-end" mt="sm">
          <Button size="compact-xs" variant="subtle" color="gray" onClick={onReset}>
            Default columns
          </Button>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
