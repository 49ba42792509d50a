'use client';

import { Group, NumberInput, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { InstanceTypeSelect } from '~/components/deployments/instance-type-select';
import { AutoscalingFields } from './autoscaling-fields';
import type { WizardFieldsProps } from './deploy-wizard-state';

/** Asynchronous endpoint: queued requests up to 1 GB / 1 h, results written to S3. */
export function AsyncSettings({ state, onChange, errors }: WizardFieldsProps) {
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
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Output S3 location"
          placeholder="s3://bucket/async/output/"
          value={state.asyncOutputS3Uri}
          onChange={(event) => onChange({ asyncOutputS3Uri: event.currentTarget.value })}
          error={errors.outputS3Uri}
        />
        <TextInput
          label="Failure S3 location"
          description="Optional: where failed requests' errors go"
          placeholder="s3://bucket/async/failures/"
          value={state.asyncFailureS3Uri}
          onChange={(event) => onChange({ asyncFailureS3Uri: event.currentTarget.value })}
          error={errors.failureS3Uri}
        />
      </SimpleGrid>
      <Group align="flex-end">
        <NumberInput
          label="Max concurrent invocations per instance"
          description="Optional; SageMaker chooses when empty"
          min={1}
          max={1000}
          allowDecimal={false}
          value={state.maxConcurrentInvocationsPerInstance}
          onChange={(maxConcurrentInvocationsPerInstance) =>
            onChange({ maxConcurrentInvocationsPerInstance })
          }
          error={errors.maxConcurrentInvocationsPerInstance}
          w={300}
        />
        <Switch
          label="Scale to zero when the queue is empty"
          checked={state.scalesToZero}
          onChange={(event) => onChange({ scalesToZero: event.currentTarget.checked })}
          mb={8}
        />
      </Group>
      <AutoscalingFields state={state} onChange={onChange} errors={errors} />
    </Stack>
  );
}
