'use client';

import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import IconRocket from '@tabler/icons-react/icons/IconRocket';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DeploymentStatusBadge } from '~/components/deployments/deployment-status-badge';
import { ENVIRONMENT_LABEL } from '~/components/release/release-badges';
import { ErrorState, LoadingRows } from '~/components/states';
import { useTRPC } from '~/trpc/client';

interface DeploymentsPanelProps {
  teamId: string;
  projectId: string;
  canDeploy: boolean;
}

/** The project page's summary of what runs in dev, staging and prod, one click from the details. */
export function DeploymentsPanel({ teamId, projectId, canDeploy }: DeploymentsPanelProps) {
  const trpc = useTRPC();
  const environments = useQuery(trpc.environment.list.queryOptions({ teamId, projectId }));
  const projectPath = `/teams/${teamId}/projects/${projectId}`;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <div>
          <Title order={3} fz="lg">
            Deployments
          </Title>
          <Text size="sm" c="dimmed">
            What runs in dev, staging and prod, as SageMaker endpoints or batch transform jobs.
          </Text>
        </div>
        <Group gap="xs">
          <Button component={Link} href={`${projectPath}/deployments`} variant="default" size="xs">
            All deployments
          </Button>
          {canDeploy && (
            <Button
              component={Link}
              href={`${projectPath}/deploy`}
              size="xs"
              leftSection={<IconRocket size={14} />}
            >
              Deploy
            </Button>
          )}
        </Group>
      </Group>
      {environments.isPending ? (
        <LoadingRows rows={1} height={80} />
      ) : environments.isError ? (
        <ErrorState error={environments.error} onRetry={() => environments.refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {environments.data.map((environment) => (
            <Paper
              key={environment.id}
              withBorder
              p="sm"
              aria-label={`${ENVIRONMENT_LABEL[environment.name]} environment`}
            >
              <Group justify="space-between" mb={6}>
                <Text fw={600}>{ENVIRONMENT_LABEL[environment.name]}</Text>
                <Text size="xs" c="dimmed">
                  {environment.region}
                </Text>
              </Group>
              {environment.deployments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nothing runs here.
                </Text>
              ) : (
                <Stack gap={4}>
                  {environment.deployments.slice(0, 3).map((deployment) => (
                    <Group key={deployment.id} justify="space-between" wrap="nowrap" gap="xs">
                      <Anchor
                        component={Link}
                        href={`${projectPath}/deployments/${deployment.id}`}
                        size="sm"
                        truncate
                      >
                        {deployment.modelVersion.modelGroup.name} v{deployment.modelVersion.version}
                      </Anchor>
                      <DeploymentStatusBadge status={deployment.status} />
                    </Group>
                  ))}
                  {environment.deployments.length > 3 && (
                    <Text size="xs" c="dimmed">
                      and {environment.deployments.length - 3} more
                    </Text>
                  )}
                </Stack>
              )}
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
