'use client';

import { Button, Group, TextInput } from '@mantine/core';
import IconFilter from '@tabler/icons-react/icons/IconFilter';
import { type FormEvent, useEffect, useState } from 'react';

interface RunsFilterProps {
  /** The filter in effect (from the URL). */
  value: string;
  /** The server's message for a filter it could not parse. */
  error?: string;
  onApply: (filter: string) => void;
}

/** MLflow's search_runs filter syntax, parsed by the server: its message shows under the input. */
export function RunsFilter({ value, error, onApply }: RunsFilterProps) {
  const [draft, setDraft] = useState(value);
  // Back/forward navigation changes the filter in effect: show that one.
  useEffect(() => setDraft(value), [value]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(draft);
  }

  return (
    <form onSubmit={submit} noValidate style={{ flex: 1, minWidth: 320 }}>
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label="Filter runs"
          placeholder="metrics.accuracy > 0.9 and params.lr = '0.01'"
          leftSection={<IconFilter size={16} />}
          value={draft}
          onChange={(e) => setDraft(e.currentTarget.value)}
          error={error}
          ff="monospace"
          style={{ flex: 1 }}
          spellCheck={false}
        />
        <Button type="submit" variant="default">
          Apply
        </Button>
        {value !== '' && (
          <Button
            variant="subtle"
            color="gray"
            onClick={() => {
              setDraft('');
              onApply('');
            }}
          >
            Clear
          </Button>
        )}
      </Group>
    </form>
  );
}
