'use client';

import { SERVERLESS_MEMORY_SIZES_MB } from '@cairn/core/deployments/serverless-pricing';
import { Fieldset, NumberInput, Select, SimpleGrid, Stack } from '@mantine/core';
import type { WizardFieldsProps } from './deploy-wizard-state';

const MEMORY_OPTIONS = SERVERLESS_MEMORY_SIZES_MB.map((mb) => ({
  value: String(mb),
  label: `${mb} MB (${mb / 1024} GB)`,
}));

/** Serverless endpoint: memory and concurrency; the cost follows the traffic the user states. */
export function ServerlessSettings({ state, onChange, errors }: WizardFieldsProps) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select
          label="Memory"
          data={MEMORY_OPTIONS}
          value={String(state.memorySizeMb)}
          onChange={(value) => value && onChange({ memorySizeMb: Number(value) })}
          allowDeselect={false}
          error={errors.memorySizeMb}
        />
        <NumberInput
          label="Maximum concurrency"
          min={1}
          max={200}
          allowDecimal={false}
          value={state.maxConcurrency}
          onChange={(maxConcurrency) => onChange({ maxConcurrency })}
          error={errors.maxConcurrency}
        />
        <NumberInput
          label="Provisioned concurrency"
          description="Warm capacity without cold starts, billed all the time"
          min={0}
          max={200}
          allowDecimal={false}
          value={state.provisionedConcurrency}
          onChange={(provisionedConcurrency) => onChange({ provisionedConcurrency })}
          error={errors.provisionedConcurrency}
        />
      </SimpleGrid>
      <Fieldset legend="Expected traffic, for the cost estimate">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Requests per month"
            min={0}
            allowDecimal={false}
            thousandSeparator=","
            value={state.requestsPerMonth}
            onChange={(requestsPerMonth) => onChange({ requestsPerMonth })}
            error={errors['serverlessTraffic.requestsPerMonth']}
          />
          <NumberInput
            label="Average duration (ms)"
            min={1}
            max={60_000}
            value={state.avgDurationMs}
            onChange={(avgDurationMs) => onChange({ avgDurationMs })}
            error={errors['serverlessTraffic.avgDurationMs']}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
