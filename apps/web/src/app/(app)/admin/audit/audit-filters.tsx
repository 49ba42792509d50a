'use client';

import { AUDIT_OUTCOMES } from '@cairn/core/audit-outcomes';
import { Button, Group, NativeSelect, Paper, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { AuditFilterValues } from './audit-filter-params';

interface AuditFiltersProps {
  initial: AuditFilterValues;
  teams: { value: string; label: string }[];
  /** Team admins must pick one of their teams; org admins may look across all teams. */
  isTeamRequired: boolean;
  onApply: (values: AuditFilterValues) => void;
}

// Native selects: a handful of options each, and the page does without Mantine's combobox.
export function AuditFilters({ initial, teams, isTeamRequired, onApply }: AuditFiltersProps) {
  const [values, setValues] = useState(initial);
  const set = <K extends keyof AuditFilterValues>(key: K, value: AuditFilterValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(values);
  }

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} aria-label="Audit filters">
      <Group align="flex-end" gap="sm">
        <NativeSelect
          label="Team"
          data={isTeamRequired ? teams : [{ value: '', label: 'All teams' }, ...teams]}
          value={values.teamId ?? ''}
          onChange={(event) => set('teamId', event.currentTarget.value || null)}
          w={200}
        />
        <TextInput
          label="Actor"
          placeholder="email or token"
          value={values.actor}
          onChange={(e) => set('actor', e.currentTarget.value)}
          maxLength={254}
          w={200}
        />
        <TextInput
          label="Action"
          placeholder="e.g. project."
          value={values.action}
          onChange={(e) => set('action', e.currentTarget.value)}
          maxLength={100}
          w={160}
        />
        <TextInput
          label="Resource type"
          placeholder="e.g. Project"
          value={values.resourceType}
          onChange={(e) => set('resourceType', e.currentTarget.value)}
          maxLength={100}
          w={150}
        />
        <TextInput
          label="Resource id"
          placeholder="contains"
          value={values.resourceId}
          onChange={(e) => set('resourceId', e.currentTarget.value)}
          maxLength={200}
          w={180}
        />
        <NativeSelect
          label="Outcome"
          data={[
            { value: '', label: 'Any' },
            ...AUDIT_OUTCOMES.map((outcome) => ({ value: outcome, label: outcome.toLowerCase() })),
          ]}
          value={values.outcome ?? ''}
          onChange={(event) =>
            set('outcome', (event.currentTarget.value || null) as AuditFilterValues['outcome'])
          }
          w={120}
        />
        <TextInput
          label="From (UTC)"
          type="date"
          value={values.fromDate}
          onChange={(e) => set('fromDate', e.currentTarget.value)}
          w={150}
        />
        <TextInput
          label="To (UTC)"
          type="date"
          value={values.toDate}
          onChange={(e) => set('toDate', e.currentTarget.value)}
          w={150}
        />
        <Button type="submit">Apply</Button>
      </Group>
    </Paper>
  );
}
