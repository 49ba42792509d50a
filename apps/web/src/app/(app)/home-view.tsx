'use client';

import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import IconFolder from '@tabler/icons-react/icons/IconFolder';
import IconShieldCheck from '@tabler/icons-react/icons/IconShieldCheck';
import IconUsersGroup from '@tabler/icons-react/icons/IconUsersGroup';
import IconUsersPlus from '@tabler/icons-react/icons/IconUsersPlus';
import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { DeferredModal } from '~/components/deferred-modal';
import { OpenAlertsSummary } from '~/components/monitoring/open-alerts-summary';
import { PageHeader } from '~/components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { useViewer } from '~/components/viewer-context';
import { canReadSomeAudit, ROLE_COLOR, ROLE_LABEL } from '~/lib/access';
import { formatRelative } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

// The form and its input schema load when its modal opens, not with the page.
const CreateTeamForm = dynamic(() => import('./create-team-form').then((module) => module.CreateTeamForm), {
  ssr: false,
  loading: () => <LoadingRows rows={3} height={36} />,
});

const PROJECTS_PER_TEAM = 6;

export function HomeView() {
  const trpc = useTRPC();
  const viewer = useViewer();
  const teams = useQuery(trpc.team.list.queryOptions());
  const firstName = viewer.name.split(/\s+/)[0] ?? viewer.name;
  const [isCreateTeamOpen, createTeamModal] = useDisclosure(false);

  return (
    <Stack gap="xl" maw={1200} mx="auto">
      <PageHeader
        title={`Welcome back, ${firstName}`}
        description="Your teams and their projects. Pick a project to manage its API tokens."
        actions={
          <Group gap="xs">
            {canReadSomeAudit(viewer) && (
              <Button
                component={Link}
                href="/admin/audit"
                variant="default"
                leftSection={<IconShieldCheck size={16} />}
              >
                Audit trail
              </Button>
            )}
            {viewer.isOrgAdmin && (
              <Button leftSection={<IconUsersPlus size={16} />} onClick={createTeamModal.open}>
                New team
              </Button>
            )}
          </Group>
        }
      />
      <DeferredModal opened={isCreateTeamOpen} onClose={createTeamModal.close} title="New team" size="lg">
        <CreateTeamForm onDone={createTeamModal.close} />
      </DeferredModal>
      {teams.isPending && <LoadingRows rows={3} height={120} />}
      {teams.isError && <ErrorState error={teams.error} onRetry={() => teams.refetch()} />}
      {teams.data?.length === 0 && (
        <EmptyPanel
          icon={<IconUsersGroup size={28} />}
          title="You are not in a team yet"
          description={
            viewer.isOrgAdmin
              ? 'Create the first team with New team, then add its members.'
              : 'Ask a team admin to add you by your email address. You will see its projects here.'
          }
        />
      )}
      {teams.data && teams.data.length > 0 && <OpenAlertsSummary />}
      {teams.data?.map((team) => (
        <TeamSection key={team.id} team={team} />
      ))}
    </Stack>
  );
}

interface TeamSummary {
  id: string;
  name: string;
  role: keyof typeof ROLE_LABEL | null;
  projectCount: number;
  memberCount: number;
}

function TeamSection({ team }: { team: TeamSummary }) {
  const trpc = useTRPC();
  const projects = useQuery(trpc.project.list.queryOptions({ teamId: team.id, limit: PROJECTS_PER_TEAM }));
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="baseline">
        <Group gap="sm">
          <Title order={3} fz="lg">
            <Anchor component={Link} href={`/teams/${team.id}`} c="inherit">
              {team.name}
            </Anchor>
          </Title>
          <Badge color={team.role ? ROLE_COLOR[team.role] : 'teal'}>
            {team.role ? ROLE_LABEL[team.role] : 'Org admin'}
          </Badge>
        </Group>
        <Group gap="md">
          <Text size="sm" c="dimmed">
            {team.memberCount} {team.memberCount === 1 ? 'member' : 'members'}
          </Text>
          <Anchor component={Link} href={`/teams/${team.id}/projects`} size="sm">
            All {team.projectCount} {team.projectCount === 1 ? 'project' : 'projects'} →
          </Anchor>
        </Group>
      </Group>
      {projects.isPending && <LoadingRows rows={1} height={110} />}
      {projects.isError && <ErrorState error={projects.error} onRetry={() => projects.refetch()} />}
      {projects.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No projects yet.{' '}
          <Anchor component={Link} href={`/teams/${team.id}/projects`} size="sm">
            Open the project list
          </Anchor>
        </Text>
      )}
      {projects.data && projects.data.items.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {projects.data.items.map((project) => (
            <Card
              key={project.id}
              component={Link}
              href={`/teams/${team.id}/projects/${project.id}`}
              style={{ textDecoration: 'none' }}
              shadow="xs"
            >
              <Group gap="xs" wrap="nowrap" mb={6}>
                <IconFolder size={18} color="var(--mantine-color-teal-7)" />
                <Text fw={600} truncate>
                  {project.name}
                </Text>
              </Group>
              <Text size="sm" c="dimmed" lineClamp={2} mih={40}>
                {project.description || 'No description'}
              </Text>
              <Group justify="space-between" mt="sm">
                <Text size="xs" c="dimmed">
                  Created {formatRelative(project.createdAt)}
                </Text>
                <Badge color="gray" size="sm">
                  {project.activeTokenCount} {project.activeTokenCount === 1 ? 'token' : 'tokens'}
                </Badge>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
