'use client';

import type { RolloutStrategyKind } from '@cairn/core/schemas/deployment';
import { Fieldset, Group, NumberInput, SegmentedControl, Stack, Switch, Text } from '@mantine/core';
import { STRATEGY_LABEL } from '~/components/deployments/deployment-labels';
import { AbVariantsFields, type VersionOptionGroup } from './ab-variants-fields';
import type { WizardFieldsProps } from './deploy-wizard-state';

const KINDS: RolloutStrategyKind[] = ['ALL_AT_ONCE', 'CANARY', 'LINEAR', 'SHADOW', 'AB'];

const KIND_HELP: Record<RolloutStrategyKind, string> = {
  ALL_AT_ONCE:
    'The new fleet takes all traffic at once, after it is healthy; the old one stays until the final bake ends.',
  CANARY:
    'A small share of traffic goes to the new fleet first; after the bake time without a tripped alarm, the rest follows.',
  LINEAR: 'Traffic moves to the new fleet in equal steps, each baked before the next.',
  SHADOW:
    'The new version receives a copy of live traffic for a number of days; callers are answered by production only.',
  AB: 'Several versions serve production traffic side by side, in proportion to their weights.',
};

/** How the new version takes traffic: SageMaker's blue/green shifts, a shadow test or A/B variants. */
export function RolloutStrategyFields({
  state,
  onChange,
  errors,
  versionOptions,
}: WizardFieldsProps & { versionOptions: VersionOptionGroup[] }) {
  const kind = state.strategyKind;
  const isShifting = kind === 'CANARY' || kind === 'LINEAR' || kind === 'ALL_AT_ONCE';
  return (
    <Fieldset legend="Rollout">
      <Stack gap="sm">
        <div>
          <SegmentedControl
            aria-label="Rollout strategy"
            data={KINDS.map((value) => ({ value, label: STRATEGY_LABEL[value] }))}
            value={kind}
            onChange={(value) => onChange({ strategyKind: value as RolloutStrategyKind })}
          />
          <Text size="xs" c="dimmed" mt={4}>
            {KIND_HELP[kind]}
          </Text>
          {(errors['strategy.kind'] ?? errors.strategy) && (
            <Text size="sm" c="red" mt={4} role="alert">
              {errors['strategy.kind'] ?? errors.strategy}
            </Text>
          )}
        </div>
        {kind === 'ALL_AT_ONCE' && (
          <NumberInput
            label="Final bake time (s)"
            description="How long the old fleet stays after the switch, ready to take traffic back"
            min={0}
            allowDecimal={false}
            value={state.waitSeconds}
            onChange={(waitSeconds) => onChange({ waitSeconds })}
            error={errors['strategy.waitSeconds']}
            w={320}
          />
        )}
        {kind === 'CANARY' && (
          <Group align="flex-start" grow>
            <NumberInput
              label="Canary size (%)"
              description="Share of the new fleet that takes traffic first"
              min={1}
              max={100}
              allowDecimal={false}
              value={state.canaryPercent}
              onChange={(canaryPercent) => onChange({ canaryPercent })}
              error={errors['strategy.canaryPercent']}
            />
            <NumberInput
              label="Bake time (s)"
              description="Watched for alarms before the rest follows"
              min={0}
              allowDecimal={false}
              value={state.bakeSeconds}
              onChange={(bakeSeconds) => onChange({ bakeSeconds })}
              error={errors['strategy.bakeSeconds']}
            />
          </Group>
        )}
        {kind === 'LINEAR' && (
          <Group align="flex-start" grow>
            <NumberInput
              label="Step size (%)"
              description="Share of the new fleet each step adds"
              min={1}
              max={100}
              allowDecimal={false}
              value={state.stepPercent}
              onChange={(stepPercent) => onChange({ stepPercent })}
              error={errors['strategy.stepPercent']}
            />
            <NumberInput
              label="Step interval (s)"
              min={0}
              allowDecimal={false}
              value={state.intervalSeconds}
              onChange={(intervalSeconds) => onChange({ intervalSeconds })}
              error={errors['strategy.intervalSeconds']}
            />
          </Group>
        )}
        {kind === 'SHADOW' && (
          <Group align="flex-start" grow>
            <NumberInput
              label="Traffic copied to the shadow (%)"
              min={1}
              max={100}
              allowDecimal={false}
              value={state.shadowPercent}
              onChange={(shadowPercent) => onChange({ shadowPercent })}
              error={errors['strategy.shadowPercent']}
            />
            <NumberInput
              label="Shadow test duration (days)"
              min={1}
              allowDecimal={false}
              value={state.shadowDays}
              onChange={(shadowDays) => onChange({ shadowDays })}
              error={errors['strategy.days']}
            />
          </Group>
        )}
        {kind === 'AB' && (
          <AbVariantsFields
            state={state}
            onChange={onChange}
            errors={errors}
            versionOptions={versionOptions}
          />
        )}
        {isShifting && state.type !== 'SERVERLESS' && (
          <>
            <Switch
              label="Roll back automatically when an alarm trips"
              description="The deployment's alert rules are passed to SageMaker as auto-rollback alarms"
              checked={state.rollsBackOnAlarm}
              onChange={(event) => onChange({ rollsBackOnAlarm: event.currentTarget.checked })}
            />
            <Group align="flex-start" grow>
              <NumberInput
                label="Old fleet termination wait (s)"
                description="Optional, 0-3600"
                min={0}
                allowDecimal={false}
                value={state.terminationWaitSeconds}
                onChange={(terminationWaitSeconds) => onChange({ terminationWaitSeconds })}
                error={errors.terminationWaitSeconds}
              />
              <NumberInput
                label="Deployment timeout (s)"
                description="Optional, 600-28800"
                min={0}
                allowDecimal={false}
                value={state.maximumExecutionTimeoutSeconds}
                onChange={(maximumExecutionTimeoutSeconds) => onChange({ maximumExecutionTimeoutSeconds })}
                error={errors.maximumExecutionTimeoutSeconds}
              />
            </Group>
          </>
        )}
      </Stack>
    </Fieldset>
  );
}
