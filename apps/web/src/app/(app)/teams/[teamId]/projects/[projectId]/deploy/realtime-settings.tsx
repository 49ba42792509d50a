'use client';

import { Group, NumberInput, Stack } from '@mantine/core';
import { InstanceTypeSelect } from '~/components/deployments/instance-type-select';
import { AutoscalingFields } from './autoscaling-fields';
import type { WizardFieldsProps } from './deploy-wizard-state';

/** Real-time endpoint: instances that answer while the caller waits, optionally autoscaled. */
export function RealtimeSettings({ state, onChange, errors }: WizardFieldsProps) {
  return (
    <Stack gap="sm">
      <Group align="flex-start" grow>
        <InstanceTypeSelect
          label="Instance type"
          usage="ENDPOINT"
          value={state.instanceType}
          onChange={(instanceType) => onChange({ instanceType })}
          error={errors.instanceType}
        />
        <NumberInput
          label="Instance count"
          min={1}
          allowDecimal={false}
          value={state.instanceCount}
          onChange={(instanceCount) => onChange({ instanceCount })}
          error={errors.initialInstanceCount}
          maw={180}
        />
      </Group>
      <AutoscalingFields state={state} onChange={onChange} errors={errors} />
    </Stack>
  );
}
