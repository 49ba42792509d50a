'use client';

import { Anchor, Badge, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import IconFolderPlus from '@tabler/icons-react/icons/IconFolderPlus';
import IconFolders from '@tabler/icons-react/icons/IconFolders';
import { useInfiniteQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import { DeferredModal } from '~/components/deferred-modal';
import { PageHeader } from '~/components/page-header';
import { EmptyPanel, ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

// The form and its input schema load when its modal opens, not with the page.
const CreateProjectForm = dynamic(
  () => import('./create-project-form').then((module) => module.CreateProjectForm),
  {
    ssr: false,
    loading: () => <LoadingRows rows={3} height={36} />,
  },
);

const PAGE_SIZE = 25;

export function ProjectsView() {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const canCreate = can(viewer, team.id, 'project:write');
  const [isCreateOpen, createModal] = useDisclosure(false);
  const [includeArchived, setIncludeArchived] = useState(false);
  const projects = useInfiniteQuery(
    trpc.project.list.infiniteQueryOptions(
      { teamId: team.id, includeArchived, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const rows = projects.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack maw={1200} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Projects' },
        ]}
        title="Projects"
        description="A project holds one modelling problem: its experiments, model versions and deployments."
        actions={
          canCreate ? (
            <Button leftSection={<IconFolderPlus size={16} />} onClick={createModal.open}>
              New project
            </Button>
          ) : null
        }
      />
      <Group justify="flex-end">
        <Switch
          label="Show archived"
          checked={includeArchived}
          onChange={(e) => setIncludeArchived(e.currentTarget.checked)}
        />
      </Group>
      {projects.isPending && <LoadingRows rows={4} />}
      {projects.isError && <ErrorState error={projects.error} onRetry={() => projects.refetch()} />}
      {projects.isSuccess && rows.length === 0 && (
        <EmptyPanel
          icon={<IconFolders size={28} />}
          title="No projects yet"
          description={
            canCreate
              ? 'Create the first project for this team.'
              : 'Engineers and admins of this team can create projects.'
          }
        />
      )}
      {rows.length > 0 && (
        <Paper withBorder>
          <Table highlightOnHover verticalSpacing="sm" aria-label="Projects">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th>API tokens</Table.Th>
                <Table.Th>Created</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((project) => (
                <Table.Tr key={project.id}>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Anchor component={Link} href={`/teams/${team.id}/projects/${project.id}`} fw={500}>
                        {project.name}
                      </Anchor>
                      {project.isArchived && (
                        <Badge color="gray" size="sm">
                          Archived
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td maw={420}>
                    <Text size="sm" c="dimmed" lineClamp={1}>
                      {project.description || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{project.activeTokenCount}</Table.Td>
                  <Table.Td title={formatUtc(project.createdAt)}>
                    {formatRelative(project.createdAt)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {projects.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            loading={projects.isFetchingNextPage}
            onClick={() => projects.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
      <DeferredModal opened={isCreateOpen} onClose={createModal.close} title="New project" size="lg">
        <CreateProjectForm teamId={team.id} onDone={createModal.close} />
      </DeferredModal>
    </Stack>
  );
}
