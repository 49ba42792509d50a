'use client';

import { Button, Stack } from '@mantine/core';
import IconShieldLock from '@tabler/icons-react/icons/IconShieldLock';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { PageHeader } from '~/components/page-header';
import { ResourceHistoryLink } from '~/components/resource-history-link';
import { ErrorState, LoadingRows, NotFoundState } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { useTRPC } from '~/trpc/client';
import { AwsAccessPanel } from './aws-access-panel';
import { EnvironmentRolesPanel } from './environment-roles-panel';
import { TeamSettingsForm } from './team-settings-form';

export function TeamSettingsView() {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const isAllowed = can(viewer, team.id, 'team:settings');
  const settings = useQuery({ ...trpc.team.settings.queryOptions({ teamId: team.id }), enabled: isAllowed });

  if (!isAllowed) return <NotFoundState what="page" backHref={`/teams/${team.id}`} />;
  return (
    <Stack maw={800} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Settings' },
        ]}
        title="Team settings"
        description="The IAM role Cairn's worker assumes for everything it does in AWS for this team."
        actions={
          <>
            <ResourceHistoryLink resourceType="Team" resourceId={team.id} teamId={team.id} />
            <Button
              component={Link}
              href={`/teams/${team.id}/settings/iam`}
              variant="default"
              leftSection={<IconShieldLock size={16} />}
            >
              Role policies
            </Button>
          </>
        }
      />
      {settings.isPending && <LoadingRows rows={4} />}
      {settings.isError && <ErrorState error={settings.error} onRetry={() => settings.refetch()} />}
      {settings.data && <TeamSettingsForm key={settings.dataUpdatedAt} settings={settings.data} />}
      {settings.data && <AwsAccessPanel teamId={team.id} />}
      {settings.data && <EnvironmentRolesPanel teamId={team.id} roles={settings.data.environmentRoles} />}
    </Stack>
  );
}
