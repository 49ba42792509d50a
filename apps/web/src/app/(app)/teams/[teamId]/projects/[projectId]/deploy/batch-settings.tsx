'use client';

import { BATCH_STRATEGIES, JOIN_SOURCES, SPLIT_TYPES } from '@cairn/core/schemas/deployment';
import { Fieldset, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { InstanceTypeSelect } from '~/components/deployments/instance-type-select';
import type { WizardFieldsProps, WizardState } from './deploy-wizard-state';

/** Batch transform: a job over files in S3, priced by the runs a month the user expects. */
export function BatchSettings({ state, onChange, errors }: WizardFieldsProps) {
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label="Input S3 location"
          placeholder="s3://bucket/scoring/input/"
          value={state.batchInputS3Uri}
          onChange={(event) => onChange({ batchInputS3Uri: event.currentTarget.value })}
          error={errors.inputS3Uri}
        />
        <TextInput
          label="Output S3 location"
          placeholder="s3://bucket/scoring/output/"
          value={state.batchOutputS3Uri}
          onChange={(event) => onChange({ batchOutputS3Uri: event.currentTarget.value })}
          error={errors.outputS3Uri}
        />
        <InstanceTypeSelect
          label="Instance type"
          usage="TRANSFORM"
          value={state.batchInstanceType}
          onChange={(batchInstanceType) => onChange({ batchInstanceType })}
          error={errors.instanceType}
        />
        <NumberInput
          label="Instance count"
          min={1}
          max={100}
          allowDecimal={false}
          value={state.batchInstanceCount}
          onChange={(batchInstanceCount) => onChange({ batchInstanceCount })}
          error={errors.instanceCount}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <Select
          label="Split type"
          data={[...SPLIT_TYPES]}
          value={state.splitType}
          onChange={(value) => value && onChange({ splitType: value as WizardState['splitType'] })}
          allowDeselect={false}
          error={errors.splitType}
        />
        <NumberInput
          label="Max payload (MB)"
          min={0}
          max={100}
          allowDecimal={false}
          value={state.maxPayloadMb}
          onChange={(maxPayloadMb) => onChange({ maxPayloadMb })}
          error={errors.maxPayloadMb}
        />
        <Select
          label="Batch strategy"
          data={[...BATCH_STRATEGIES]}
          value={state.batchStrategy}
          onChange={(value) => value && onChange({ batchStrategy: value as WizardState['batchStrategy'] })}
          allowDeselect={false}
          error={errors.batchStrategy}
        />
        <Select
          label="Join source"
          data={[...JOIN_SOURCES]}
          value={state.joinSource}
          onChange={(value) => value && onChange({ joinSource: value as WizardState['joinSource'] })}
          allowDeselect={false}
          error={errors.joinSource}
        />
      </SimpleGrid>
      <Fieldset legend="Expected runs, for the cost estimate">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label="Runs per month"
            min={1}
            max={10_000}
            allowDecimal={false}
            value={state.batchRunsPerMonth}
            onChange={(batchRunsPerMonth) => onChange({ batchRunsPerMonth })}
            error={errors.batchRunsPerMonth}
          />
          <NumberInput
            label="Hours per run"
            min={0.01}
            max={720}
            decimalScale={2}
            value={state.batchHoursPerRun}
            onChange={(batchHoursPerRun) => onChange({ batchHoursPerRun })}
            error={errors.batchHoursPerRun}
          />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
