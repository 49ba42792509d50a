'use client';

import { Alert, List, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { PageHeader } from '~/components/page-header';
import { ErrorState, LoadingRows, NotFoundState } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { useViewer } from '~/components/viewer-context';
import { can } from '~/lib/access';
import { useTRPC } from '~/trpc/client';
import { PolicyJsonPanel } from './policy-json-panel';

const MISSING = {
  workerRoleArn:
    "Cairn's worker role is not configured on this install (CAIRN_WORKER_ROLE_ARN): the trust policy shows a placeholder.",
  iamExternalId: 'The team has no external id: set one in the team settings before creating the role.',
  iamRoleArn: "The team has no role ARN yet: the policies use a placeholder for the role's account.",
} as const;

export function TeamIamPoliciesView() {
  const team = useCurrentTeam();
  const viewer = useViewer();
  const trpc = useTRPC();
  const isAllowed = can(viewer, team.id, 'team:settings');
  const policies = useQuery({
    ...trpc.team.iamPolicies.queryOptions({ teamId: team.id }),
    enabled: isAllowed,
  });

  if (!isAllowed) return <NotFoundState what="page" backHref={`/teams/${team.id}`} />;
  return (
    <Stack maw={900} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: 'Settings', href: `/teams/${team.id}/settings` },
          { label: 'Role policies' },
        ]}
        title="Role policies"
        description="What the team's IAM role must trust and allow, generated from exactly the AWS calls Cairn's worker makes. The CairnTeamRole construct in infra/ creates the same role with the CDK."
      />
      {policies.isPending && <LoadingRows rows={6} />}
      {policies.isError && <ErrorState error={policies.error} onRetry={() => policies.refetch()} />}
      {policies.data && policies.data.missing.length > 0 && (
        <Alert color="yellow" title="Not ready to paste as is">
          <List size="sm">
            {policies.data.missing.map((key) => (
              <List.Item key={key}>{MISSING[key]}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {policies.data && (
        <>
          <PolicyJsonPanel
            title="Trust policy"
            description="Only Cairn's worker may assume the role, with the team's external id, naming the requesting user as source identity; SageMaker may assume it to run the team's models."
            policy={policies.data.trustPolicy}
          />
          <PolicyJsonPanel
            title="Permissions policy"
            description="SageMaker, CodePipeline, CloudWatch and Application Auto Scaling actions on resources named cairn-* and the pipelines registered in Cairn; creates must carry Cairn's tags."
            policy={policies.data.permissionsPolicy}
          />
          <Text size="sm" c="dimmed">
            Pipelines, model images and S3 locations come from what the team has registered: generate the
            policies again after registering a new pipeline or using a new bucket.
          </Text>
        </>
      )}
    </Stack>
  );
}
