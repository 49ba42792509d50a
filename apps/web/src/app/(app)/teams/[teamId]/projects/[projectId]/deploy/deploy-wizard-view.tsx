'use client';

import type { DeploymentType } from '@cairn/core/schemas/deployment';
import { costAssumptionsSchema } from '@cairn/core/schemas/deployment-request';
import {
  Alert,
  Box,
  Button,
  Collapse,
  Fieldset,
  Grid,
  Group,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconBulb from '@tabler/icons-react/icons/IconBulb';
import IconRocket from '@tabler/icons-react/icons/IconRocket';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { DEPLOYMENT_TYPE_LABEL } from '~/components/deployments/deployment-labels';
import { PageHeader } from '~/components/page-header';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { errorMessage, serverFieldErrors } from '~/lib/errors';
import { useTRPC } from '~/trpc/client';
import { AsyncSettings } from './async-settings';
import { BatchSettings } from './batch-settings';
import {
  assumptionsFrom,
  initialWizardState,
  parseWizardSpec,
  specInputFrom,
  type WizardState,
} from './deploy-wizard-state';
import { DeploymentPreviewPanel } from './deployment-preview-panel';
import { EndpointTypeRecommender } from './endpoint-type-recommender';
import { RealtimeSettings } from './realtime-settings';
import { RolloutStrategyFields } from './rollout-strategy-fields';
import { ServerlessSettings } from './serverless-settings';
import { useDeploymentPreview } from './use-deployment-preview';
import { useProjectVersions } from './use-project-versions';
import { VersionEnvironmentFields, versionOptionGroups } from './version-environment-fields';
import { issuesByField, visibleFieldErrors, wizardFieldOf } from './wizard-field-errors';

const TYPES: DeploymentType[] = ['REALTIME', 'SERVERLESS', 'ASYNC', 'BATCH'];

export function DeployWizardView({
  projectId,
  initialVersionId,
}: {
  projectId: string;
  initialVersionId: string | null;
}) {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const project = useQuery(trpc.project.byId.queryOptions({ teamId: team.id, projectId }));
  const projectVersions = useProjectVersions(team.id, projectId);
  const [state, setState] = useState<WizardState>(() => initialWizardState(initialVersionId));
  const [isRecommenderOpen, setRecommenderOpen] = useState(false);
  const [hasTriedToDeploy, setTriedToDeploy] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [overrideReason, setOverrideReason] = useState('');
  const canDeploy = can(viewer, team.id, 'project:write');
  const canOverride = can(viewer, team.id, 'team:settings');

  const parsed = useMemo(() => parseWizardSpec(state), [state]);
  const assumptions = useMemo(() => costAssumptionsSchema.safeParse(assumptionsFrom(state)), [state]);
  const assumptionErrors = useMemo(() => {
    const out: Record<string, string> = {};
    for (const issue of assumptions.error?.issues ?? [])
      out[issue.path.map(String).join('.')] ??= issue.message;
    return out;
  }, [assumptions]);
  const isSpecValid = parsed.isValid && assumptions.success;
  const { query: preview, isCurrent } = useDeploymentPreview(
    team.id,
    projectId,
    isSpecValid ? specInputFrom(state) : null,
    assumptions.data ?? {},
  );
  const refusals = isCurrent && preview.data ? issuesByField(preview.data.issues) : {};
  const errors = {
    ...visibleFieldErrors({ ...parsed.errors, ...assumptionErrors }, refusals, hasTriedToDeploy),
    ...serverErrors,
  };
  const projectPath = `/teams/${team.id}/projects/${projectId}`;

  const create = useMutation(
    trpc.deployment.create.mutationOptions({
      onSuccess: async (deployment) => {
        notifications.show({
          color: 'teal',
          title: 'Deployment requested',
          message: 'The worker is rolling it out.',
        });
        await queryClient.invalidateQueries({ queryKey: trpc.deployment.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.environment.pathKey() });
        router.push(`${projectPath}/deployments/${deployment.id}`);
      },
      onError: (error) => {
        const fields: Record<string, string> = {};
        for (const [field, message] of Object.entries(serverFieldErrors(error)))
          fields[wizardFieldOf(field)] = message;
        setServerErrors(fields);
        if (Object.keys(fields).length === 0)
          notifications.show({ color: 'red', title: 'Could not deploy', message: errorMessage(error) });
        void preview.refetch();
      },
    }),
  );

  function change(patch: Partial<WizardState>) {
    setServerErrors({});
    setState((current) => ({ ...current, ...patch }));
  }

  function deploy() {
    setTriedToDeploy(true);
    if (!parsed.isValid || !assumptions.success || !isCurrent || !preview.data) return;
    if (preview.data.issues.length > 0) return;
    const isBlocked = preview.data.budgetCheck.level === 'block';
    if (isBlocked && overrideReason.trim() === '') {
      setServerErrors({ budgetOverrideReason: 'Say why this deployment may go above the budget' });
      return;
    }
    create.mutate({
      teamId: team.id,
      projectId,
      spec: specInputFrom(state),
      assumptions: assumptions.data,
      budgetOverrideReason: isBlocked ? overrideReason.trim() : undefined,
    });
  }

  if (project.isPending || projectVersions.isPending) return <LoadingRows rows={6} />;
  if (project.isError) return <ErrorState error={project.error} onRetry={() => project.refetch()} />;
  if (projectVersions.error)
    return <ErrorState error={projectVersions.error} onRetry={() => projectVersions.refetch()} />;
  const isArchived = project.data.isArchived;
  const isBlockedForMe = isCurrent && preview.data?.budgetCheck.level === 'block' && !canOverride;
  // An incomplete form keeps Deploy clickable: the click shows which fields are missing. A refusal
  // or a budget block the user cannot lift disables it; the reasons are on screen.
  const hasRefusals = isCurrent && (preview.data?.issues.length ?? 0) > 0;
  const isDeployable =
    canDeploy && !isArchived && !hasRefusals && !isBlockedForMe && (!isSpecValid || isCurrent);
  const fields = { state, onChange: change, errors };

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Projects', href: `/teams/${team.id}/projects` },
          { label: project.data.name, href: projectPath },
          { label: 'Deployments', href: `${projectPath}/deployments` },
          { label: 'Deploy' },
        ]}
        title="Deploy a model version"
        description="Everything SageMaker would refuse is refused here first, with the reason, before anything reaches AWS."
      />
      {!canDeploy && (
        <Alert color="gray" variant="light">
          You can preview a deployment; deploying needs the Engineer role in {team.name}.
        </Alert>
      )}
      {isArchived && (
        <Alert color="gray" variant="light">
          This project is archived: nothing new can be deployed from it.
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
          <Stack gap="md">
            <Fieldset legend="What and where">
              <VersionEnvironmentFields {...fields} versions={projectVersions.versions} />
            </Fieldset>
            <Fieldset legend="Endpoint type">
              <Stack gap="sm">
                <Group justify="space-between">
                  <SegmentedControl
                    aria-label="Endpoint type"
                    data={TYPES.map((value) => ({ value, label: DEPLOYMENT_TYPE_LABEL[value] }))}
                    value={state.type}
                    onChange={(value) => change({ type: value as DeploymentType })}
                  />
                  <Button
                    variant="subtle"
                    leftSection={<IconBulb size={16} />}
                    onClick={() => setRecommenderOpen((isOpen) => !isOpen)}
                    aria-expanded={isRecommenderOpen}
                  >
                    Help me choose
                  </Button>
                </Group>
                {errors.type && (
                  <Text size="sm" c="red" role="alert">
                    {errors.type}
                  </Text>
                )}
                <Collapse expanded={isRecommenderOpen}>
                  <EndpointTypeRecommender
                    onApply={(type) => {
                      change({ type });
                      setRecommenderOpen(false);
                    }}
                  />
                </Collapse>
                {state.type === 'REALTIME' && <RealtimeSettings {...fields} />}
                {state.type === 'SERVERLESS' && <ServerlessSettings {...fields} />}
                {state.type === 'ASYNC' && <AsyncSettings {...fields} />}
                {state.type === 'BATCH' && <BatchSettings {...fields} />}
              </Stack>
            </Fieldset>
            {state.type !== 'BATCH' && (
              <RolloutStrategyFields
                {...fields}
                versionOptions={versionOptionGroups(projectVersions.versions, state.environment)}
              />
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
          <Box pos="sticky" top={16}>
            <Stack gap="sm">
              <DeploymentPreviewPanel
                preview={preview.data}
                isCurrent={isCurrent}
                isFetching={preview.isFetching}
                error={preview.error}
                isSpecValid={isSpecValid}
                schemaErrorCount={Object.keys(parsed.errors).length + Object.keys(assumptionErrors).length}
                budgetOverride={{
                  canOverride,
                  reason: overrideReason,
                  onReason: (reason) => {
                    setOverrideReason(reason);
                    setServerErrors({});
                  },
                  error: errors.budgetOverrideReason,
                }}
              />
              <Button
                size="md"
                leftSection={<IconRocket size={18} />}
                onClick={deploy}
                loading={create.isPending}
                disabled={!isDeployable}
              >
                Deploy
              </Button>
            </Stack>
          </Box>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
