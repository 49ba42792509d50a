'use client';

import {
  findInstanceType,
  type InstanceTypeSpec,
  type InstanceUsage,
  instanceTypesFor,
} from '@cairn/core/deployments/instance-catalogue';
import { Select } from '@mantine/core';
import { useMemo } from 'react';

/** "2 vCPU · 8 GiB · 1 x NVIDIA T4 · $0.736/h" */
export function describeInstanceType(spec: InstanceTypeSpec): string {
  const parts = [`${spec.vcpu} vCPU`, `${spec.memoryGib} GiB`];
  if (spec.accelerators) parts.push(`${spec.accelerators.count} x ${spec.accelerators.kind}`);
  parts.push(`$${spec.pricePerHourUsd.toFixed(3)}/h`);
  return parts.join(' · ');
}

/** The catalogue's types for one use, grouped by family, each with its size and hourly price. */
function groupedOptions(usage: InstanceUsage) {
  const groups = new Map<string, Array<{ value: string; label: string }>>();
  for (const spec of instanceTypesFor(usage)) {
    const items = groups.get(spec.familyLabel) ?? [];
    items.push({ value: spec.name, label: `${spec.name} — ${describeInstanceType(spec)}` });
    groups.set(spec.familyLabel, items);
  }
  return [...groups].map(([group, items]) => ({
    group,
    items: items.sort((a, b) => a.value.localeCompare(b.value, 'en', { numeric: true })),
  }));
}

interface InstanceTypeSelectProps {
  label: string;
  usage: InstanceUsage;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  w?: number | string;
}

export function InstanceTypeSelect({ label, usage, value, onChange, error, w }: InstanceTypeSelectProps) {
  const data = useMemo(() => groupedOptions(usage), [usage]);
  const chosen = findInstanceType(value);
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={(next) => next && onChange(next)}
      searchable
      allowDeselect={false}
      maxDropdownHeight={360}
      description={chosen ? describeInstanceType(chosen) : undefined}
      error={error}
      w={w}
      comboboxProps={{ width: 'target' }}
    />
  );
}
