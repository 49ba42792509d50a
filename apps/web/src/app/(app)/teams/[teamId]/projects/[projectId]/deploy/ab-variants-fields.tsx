'use client';

import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text } from '@mantine/core';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { InstanceTypeSelect } from '~/components/deployments/instance-type-select';
import type { AbVariantRow, WizardFieldsProps } from './deploy-wizard-state';

export interface VersionOptionGroup {
  group: string;
  items: Array<{ value: string; label: string; disabled?: boolean }>;
}

let nextRowId = 1;

/** The other versions of an A/B test, each with its weight and its own instances. */
export function AbVariantsFields({
  state,
  onChange,
  errors,
  versionOptions,
}: WizardFieldsProps & { versionOptions: VersionOptionGroup[] }) {
  const others = versionOptions
    .map((group) => ({ ...group, items: group.items.filter((item) => item.value !== state.modelVersionId) }))
    .filter((group) => group.items.length > 0);

  function setRow(rowId: number, change: Partial<AbVariantRow>) {
    onChange({ variants: state.variants.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)) });
  }

  return (
    <Stack gap="xs">
      <NumberInput
        label="Weight of this version"
        min={0}
        value={state.primaryWeight}
        onChange={(primaryWeight) => onChange({ primaryWeight })}
        error={errors['strategy.primaryWeight']}
        w={200}
      />
      {state.variants.map((row, index) => {
        const field = `strategy.variants.${index}`;
        return (
          <Group key={row.rowId} align="flex-start" gap="xs" wrap="nowrap">
            <Select
              label={`Variant ${index + 1} version`}
              data={others}
              value={row.modelVersionId}
              onChange={(modelVersionId) => setRow(row.rowId, { modelVersionId })}
              error={errors[`${field}.modelVersionId`]}
              style={{ flex: 2 }}
            />
            <NumberInput
              label="Weight"
              min={0}
              value={row.weight}
              onChange={(weight) => setRow(row.rowId, { weight })}
              error={errors[`${field}.weight`]}
              w={100}
            />
            <InstanceTypeSelect
              label="Instance type"
              usage="ENDPOINT"
              value={row.instanceType}
              onChange={(instanceType) => setRow(row.rowId, { instanceType })}
              error={errors[`${field}.instanceType`]}
              w={260}
            />
            <NumberInput
              label="Instances"
              min={1}
              allowDecimal={false}
              value={row.instanceCount}
              onChange={(instanceCount) => setRow(row.rowId, { instanceCount })}
              error={errors[`${field}.instanceCount`]}
              w={100}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              size="lg"
              mt={24}
              aria-label={`Remove variant ${index + 1}`}
              onClick={() =>
                onChange({ variants: state.variants.filter((other) => other.rowId !== row.rowId) })
              }
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      {(errors['strategy.variants'] ?? errors.strategy) && (
        <Text size="sm" c="red" role="alert">
          {errors['strategy.variants'] ?? errors.strategy}
        </Text>
      )}
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconPlus size={14} />}
          onClick={() =>
            onChange({
              variants: [
                ...state.variants,
                {
                  rowId: nextRowId++,
                  modelVersionId: null,
                  weight: 1,
                  instanceType: state.instanceType,
                  instanceCount: 1,
                },
              ],
            })
          }
        >
          Add a variant
        </Button>
      </Group>
    </Stack>
  );
}
