'use client';

import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DetailItem } from '~/components/detail-item';
import { PageHeader } from '~/components/page-header';
import { ModelCardView, readModelCard } from '~/components/release/model-card-view';
import {
  ENVIRONMENT_LABEL,
  RequestStatusBadge,
  VersionApprovalBadges,
} from '~/components/release/release-badges';
import { ErrorState, LoadingRows } from '~/components/states';
import { useCurrentTeam } from '~/components/team-context';
import { formatRelative, formatUtc } from '~/lib/format';
import { useTRPC } from '~/trpc/client';
import { RunCharts } from '../../projects/[projectId]/runs/[runId]/run-charts';
import { CostEvidence } from './cost-evidence';
import { DecisionBar } from './decision-bar';
import { DecisionsList } from './decisions-list';
import { GatesTable } from './gates-table';
import { MetricsVsProduction } from './metrics-vs-production';
import { ParamsVsProduction } from './params-vs-production';

// While the request is open other approvers may decide; the page follows them.
const POLL_WHILE_PENDING_MS = 5_000;

/** One approval request with its evidence side by side, the decisions so far and the decision bar. */
export function ApprovalRequestView({ requestId }: { requestId: string }) {
  const team = useCurrentTeam();
  const trpc = useTRPC();
  const detail = useQuery({
    ...trpc.approval.byId.queryOptions({ teamId: team.id, requestId }),
    refetchInterval: (query) => {
      const data = query.state.data;
      if (!data) return false;
      const isSyncing =
        data.version.approvalStatus !== (data.version.awsApprovalStatus ?? 'PENDING_MANUAL_APPROVAL');
      return data.request.status === 'PENDING' || isSyncing ? POLL_WHILE_PENDING_MS : false;
    },
  });
  const project = useQuery({
    ...trpc.project.byId.queryOptions({ teamId: team.id, projectId: detail.data?.request.projectId ?? '' }),
    enabled: Boolean(detail.data),
  });

  if (detail.isPending) return <LoadingRows rows={6} />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  const { request, version, evaluation, evidence, policy, decisions, viewer } = detail.data;
  const projectPath = `/teams/${team.id}/projects/${request.projectId}`;
  const versionTitle = `${version.modelGroup.name} v${version.version}`;
  const subject = `${versionTitle} for ${ENVIRONMENT_LABEL[request.environment]}`;
  const productionLabel = evidence.production
    ? `production (v${evidence.production.version}, run ${evidence.production.runName || evidence.production.runId})`
    : null;

  return (
    <Stack maw={1400} mx="auto" gap="lg">
      <PageHeader
        crumbs={[
          { label: 'Home', href: '/' },
          { label: 'Approvals', href: '/approvals' },
          { label: team.name, href: `/teams/${team.id}` },
          { label: project.data?.name ?? 'Project', href: projectPath },
          { label: versionTitle, href: `${projectPath}/models/${version.id}` },
          { label: 'Approval request' },
        ]}
        title={request.status === 'PENDING' ? `Approve ${subject}?` : `Release of ${subject}`}
        badge={<RequestStatusBadge status={request.status} />}
        description={
          <>
            Requested by {request.requestedBy?.name ?? 'a former member'}{' '}
            <span title={formatUtc(request.createdAt)}>{formatRelative(request.createdAt)}</span>.{' '}
            {request.status === 'PENDING' ? (
              <span title={formatUtc(request.expiresAt)}>Expires {formatRelative(request.expiresAt)}.</span>
            ) : request.decidedAt ? (
              <span title={formatUtc(request.decidedAt)}>Decided {formatRelative(request.decidedAt)}.</span>
            ) : null}
          </>
        }
      />
      {request.notes && (
        <Paper withBorder p="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Notes from {request.requestedBy?.name ?? 'the requester'}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {request.notes}
          </Text>
        </Paper>
      )}
      <Group gap="md">
        <Badge size="lg" variant="light" color={evaluation.approvalsMissing === 0 ? 'teal' : 'blue'}>
          Approvals {evaluation.validApprovals} of {evaluation.approvalsNeeded}
        </Badge>
        <VersionApprovalBadges {...version} awsApprovalError={null} />
      </Group>
      {request.status === 'PENDING' && (
        <DecisionBar
          teamId={team.id}
          requestId={request.id}
          subject={subject}
          viewer={viewer}
          approvalsMissing={evaluation.approvalsMissing}
        />
      )}
      {request.status !== 'PENDING' && (
        <Text size="sm" c="dimmed">
          This request is {request.status.toLowerCase()}; no further decisions are taken.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <Section title="Gates">
            <GatesTable gates={evaluation.gates} isOpen={request.status === 'PENDING'} />
          </Section>
          <Section title={productionLabel ? `Metrics against ${productionLabel}` : 'Metrics'}>
            {!productionLabel && (
              <Text size="sm" c="dimmed">
                Nothing of {version.modelGroup.name} is in production yet.
              </Text>
            )}
            <MetricsVsProduction
              metrics={evidence.metrics}
              hasProduction={productionLabel !== null}
              policy={policy}
            />
          </Section>
          <Section title="Cost">
            <CostEvidence
              predictedMonthlyCostUsd={evidence.predictedMonthlyCostUsd}
              remainingBudgetUsd={evidence.remainingBudgetUsd}
            />
          </Section>
        </Stack>
        <Stack gap="lg">
          <Section title="Decisions">
            <DecisionsList decisions={decisions} />
          </Section>
          <Section title="Params against production">
            <ParamsVsProduction rows={evidence.paramsDiff} productionLabel={productionLabel} />
          </Section>
          <Section title="Version">
            <Paper withBorder p="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
                <DetailItem label="Source run">
                  <Anchor component={Link} href={`${projectPath}/runs/${version.run.id}`} size="sm">
                    {version.run.name || version.run.id}
                  </Anchor>
                  {version.run.authorName ? ` by ${version.run.authorName}` : ''}
                </DetailItem>
                <DetailItem label="Experiment">
                  <Anchor
                    component={Link}
                    href={`${projectPath}/experiments/${version.run.experimentId}`}
                    size="sm"
                  >
                    {version.run.experimentName}
                  </Anchor>
                </DetailItem>
                <DetailItem label="Registered">
                  <span title={formatUtc(version.createdAt)}>{formatRelative(version.createdAt)}</span> by{' '}
                  {version.createdBy?.name ?? 'a former member'}
                </DetailItem>
                <DetailItem label="Framework">{version.framework.toLowerCase()}</DetailItem>
                <DetailItem label="Artifact" isMono>
                  {version.artifactUri}
                </DetailItem>
                <DetailItem label="Inference image" isMono>
                  {version.inferenceImageUri}
                </DetailItem>
              </SimpleGrid>
            </Paper>
          </Section>
          <Section title="Model card">
            <Paper withBorder p="md">
              <ModelCardView card={readModelCard(version.modelCard)} />
            </Paper>
          </Section>
        </Stack>
      </SimpleGrid>
      <Section title={`Metric curves of ${version.run.name || 'the run'}`}>
        <RunCharts
          teamId={team.id}
          runId={version.run.id}
          runName={version.run.name || version.run.id}
          isRunning={false}
        />
      </Section>
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm">
      <Title order={3} fz="lg">
        {title}
      </Title>
      {children}
    </Stack>
  );
}
