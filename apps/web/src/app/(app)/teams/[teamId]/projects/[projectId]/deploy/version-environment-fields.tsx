'use client';

import type { DeploymentEnvironment } from '@cairn/core/schemas/deployment';
import { Alert, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { VERSION_APPROVAL_LABEL } from '~/components/release/release-badges';
import type { VersionOptionGroup } from './ab-variants-fields';
import type { WizardFieldsProps } from './deploy-wizard-state';
import type { ProjectVersion } from './use-project-versions';

const ENVIRONMENTS: Array<{ value: DeploymentEnvironment; label: string }> = [
  { value: 'DEV', label: 'Dev' },
  { value: 'STAGING', label: 'Staging' },
  { value: 'PROD', label: 'Prod' },
];

/** Versions as Select groups, one per model group; prod lists approved versions only. */
export function versionOptionGroups(versions: ProjectVersion[], environment: DeploymentEnvironment) {
  const groups = new Map<string, VersionOptionGroup['items']>();
  for (const version of versions) {
    if (environment === 'PROD' && version.approvalStatus !== 'APPROVED') continue;
    const items = groups.get(version.modelGroup.name) ?? [];
    const notReady =
      version.awsStatus === 'READY'
        ? ''
        : ` · ${version.awsStatus === 'FAILED' ? 'SageMaker failed' : 'registering'}`;
    items.push({
      value: version.id,
      label: `${version.modelGroup.name} v${version.version} · ${VERSION_APPROVAL_LABEL[version.approvalStatus]}${notReady}`,
    });
    groups.set(version.modelGroup.name, items);
  }
  return [...groups].map(([group, items]) => ({ group, items }));
}

/** Which version goes where. */
export function VersionEnvironmentFields({
  state,
  onChange,
  errors,
  versions,
}: WizardFieldsProps & { versions: ProjectVersion[] }) {
  const options = versionOptionGroups(versions, state.environment);
  const hiddenCount =
    state.environment === 'PROD'
      ? versions.filter((version) => version.approvalStatus !== 'APPROVED').length
      : 0;
  const chosen = versions.find((version) => version.id === state.modelVersionId);
  const isChosenHidden =
    state.environment === 'PROD' && chosen !== undefined && chosen.approvalStatus !== 'APPROVED';

  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} mb={4}>
          Environment
        </Text>
        <SegmentedControl
          aria-label="Environment"
          data={ENVIRONMENTS}
          value={state.environment}
          onChange={(value) => onChange({ environment: value as DeploymentEnvironment })}
        />
        {errors.environment && (
          <Text size="sm" c="red" mt={4} role="alert">
            {errors.environment}
          </Text>
        )}
      </div>
      <Group align="flex-start">
        <Select
          label="Model version"
          placeholder={options.length === 0 ? 'No version can go here' : 'Choose a version'}
          data={options}
          value={isChosenHidden ? null : state.modelVersionId}
          onChange={(modelVersionId) => onChange({ modelVersionId })}
          searchable
          nothingFoundMessage="No such version"
          error={errors.modelVersionId}
          w={460}
        />
      </Group>
      {hiddenCount > 0 && (
        <Text size="xs" c="dimmed">
          Prod takes approved versions only: {hiddenCount} version{hiddenCount === 1 ? ' is' : 's are'}{' '}
          waiting for approval or rejected and not listed. Request approval from the version's page.
        </Text>
      )}
      {isChosenHidden && chosen && (
        <Alert color="orange" variant="light">
          {chosen.modelGroup.name} v{chosen.version} is {VERSION_APPROVAL_LABEL[chosen.approvalStatus]}: it
          can go to dev or staging, not to prod.
        </Alert>
      )}
      {versions.length === 0 && (
        <Alert color="gray" variant="light">
          This project has no model versions yet. Register one from a finished run first.
        </Alert>
      )}
    </Stack>
  );
}
