'use client';

import { Fieldset, NumberInput, SimpleGrid, Switch, Text } from '@mantine/core';
import type { WizardFieldsProps } from './deploy-wizard-state';

/** Target tracking on invocations per instance, with SageMaker's cooldowns. */
export function AutoscalingFields({ state, onChange, errors }: WizardFieldsProps) {
  return (
    <Fieldset legend="Autoscaling">
      <Switch
        label="Scale the fleet with traffic"
        checked={state.hasAutoscaling}
        onChange={(event) => onChange({ hasAutoscaling: event.currentTarget.checked })}
        error={errors.scalesToZero}
      />
      {state.hasAutoscaling ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm">
          <NumberInput
            label="Minimum instances"
            min={0}
            allowDecimal={false}
            value={state.minInstances}
            onChange={(minInstances) => onChange({ minInstances })}
            error={errors['autoscaling.minInstances']}
          />
          <NumberInput
            label="Maximum instances"
            min={1}
            allowDecimal={false}
            value={state.maxInstances}
            onChange={(maxInstances) => onChange({ maxInstances })}
            error={errors['autoscaling.maxInstances']}
          />
          <NumberInput
            label="Target invocations per instance"
            description="Per minute"
            min={1}
            allowDecimal={false}
            value={state.targetInvocationsPerInstance}
            onChange={(targetInvocationsPerInstance) => onChange({ targetInvocationsPerInstance })}
            error={errors['autoscaling.targetInvocationsPerInstance']}
          />
          <NumberInput
            label="Scale-in cooldown (s)"
            min={0}
            allowDecimal={false}
            value={state.scaleInCooldownSeconds}
            onChange={(scaleInCooldownSeconds) => onChange({ scaleInCooldownSeconds })}
            error={errors['autoscaling.scaleInCooldownSeconds']}
          />
          <NumberInput
            label="Scale-out cooldown (s)"
            min={0}
            allowDecimal={false}
            value={state.scaleOutCooldownSeconds}
            onChange={(scaleOutCooldownSeconds) => onChange({ scaleOutCooldownSeconds })}
            error={errors['autoscaling.scaleOutCooldownSeconds']}
          />
        </SimpleGrid>
      ) : (
        <Text size="xs" c="dimmed" mt={4}>
          The fleet stays at the instance count you chose.
        </Text>
      )}
    </Fieldset>
  );
}
