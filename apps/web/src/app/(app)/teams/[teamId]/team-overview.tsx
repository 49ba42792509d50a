'use client';

import { Anchor, Badge, Card, Code, Group, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import IconCloud from '@tabler/icons-react/icons/IconCloud';
import IconFolders from '@tabler/icons-react/icons/IconFolders';
import IconUsers from '@tabler/icons-react/icons/IconUsers';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { PageHeader } from '~/components/page-header';
import { ErrorState, LoadingRows } from '~/components/states';
import { Table } from '~/components/table';
import { useCurrentTeam } from '~/components/team-context';
import { ROLE_COLOR, ROLE_LABEL } from '~/lib/access';
import { formatDate, formatRelative } from '~/lib/format';
import { useTRPC } from '~/trpc/client';

function Stat({
  icon,
  label,
  value,
  href,
}: {
  icon: ReactNode;
  label: string;
  value: ReactNode;
  href?: string;
}) {
  return (
    <Card shadow="xs">
      <Group wrap="nowrap">
        <ThemeIcon variant="light" size={42} radius="md">
          {icon}
        </ThemeIcon>
        <Stack gap={0} miw={0}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          {href ? (
            <Anchor component={Link} href={href} fw={600} fz="lg">
              {value}
            </Anchor>
          ) : (
            <Text fw={600} fz="lg" truncate>
              {value}
            </Text>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

export function TeamOverview() {
  const team = useCurrentTeam();
  const trpc = useTRPC();
  const details = useQuery(trpc.team.byId.queryOptions({ teamId: team.id }));
  const teams = useQuery(trpc.team.list.queryOptions());
  const summary = teams.data?.find((t) => t.id === team.id);
  const projects = useQuery(trpc.project.list.queryOptions({ teamId: team.id, limit: 5 }));

  return (
    <Stack maw={1200} mx="auto" gap="lg">
      <PageHeader
        crumbs={[{ label: 'Home', href: '/' }, { label: team.name }]}
        title={team.name}
        badge={<Badge color={ROLE_COLOR[team.role]}>{ROLE_LABEL[team.role]}</Badge>}
        description="The team's projects, people and AWS account."
      />
      {details.isError && <ErrorState error={details.error} onRetry={() => details.refetch()} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat
          icon={<IconFolders size={22} />}
          label="Active projects"
          value={summary?.projectCount ?? '…'}
          href={`/teams/${team.id}/projects`}
        />
        <Stat
          icon={<IconUsers size={22} />}
          label="Members"
          value={summary?.memberCount ?? '…'}
          href={`/teams/${team.id}/members`}
        />
        <Stat icon={<IconCloud size={22} />} label="AWS region" value={details.data?.awsRegion ?? '…'} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card shadow="xs">
          <Group justify="space-between" mb="sm">
            <Text fw={600}>Recent projects</Text>
            <Anchor component={Link} href={`/teams/${team.id}/projects`} size="sm">
              All projects →
            </Anchor>
          </Group>
          {projects.isPending && <LoadingRows rows={3} height={28} />}
          {projects.isError && <ErrorState error={projects.error} />}
          {projects.data?.items.length === 0 && (
            <Text size="sm" c="dimmed">
              No projects yet.
            </Text>
          )}
          <Stack gap={6}>
            {projects.data?.items.map((project) => (
              <Group key={project.id} justify="space-between" wrap="nowrap">
                <Anchor component={Link} href={`/teams/${team.id}/projects/${project.id}`} truncate>
                  {project.name}
                </Anchor>
                <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                  {formatRelative(project.createdAt)}
                </Text>
              </Group>
            ))}
          </Stack>
        </Card>
        <Card shadow="xs">
          <Text fw={600} mb="sm">
            Team details
          </Text>
          {details.isPending ? (
            <LoadingRows rows={3} height={24} />
          ) : (
            <Table withRowBorders={false} verticalSpacing={6} highlightOnHover={false}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Td c="dimmed" w={160}>
                    Slug
                  </Table.Td>
                  <Table.Td>
                    <Code>{details.data?.slug}</Code>
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td c="dimmed">IAM role</Table.Td>
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    {details.data?.iamRoleArn ? (
                      <Code>{details.data.iamRoleArn}</Code>
                    ) : (
                      <Text size="sm" c="dimmed">
                        Not configured
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Td c="dimmed">Created</Table.Td>
                  <Table.Td>{formatDate(details.data?.createdAt)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
