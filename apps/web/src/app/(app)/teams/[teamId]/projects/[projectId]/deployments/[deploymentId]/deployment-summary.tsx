'use client';

import { Anchor, Paper, SimpleGrid, Text } from '@mantine/core';
import Link from 'next/link';
import { DEPLOYMENT_TYPE_LABEL, formatUsd, strategyLabel } from '~/components/deployments/deployment-labels';
import { DeploymentStatusBadge } from '~/components/deployments/deployment-status-badge';
import { DetailItem } from '~/components/detail-item';
import { VERSION_APPROVAL_LABEL } from '~/components/release/release-badges';
import { formatRelative, formatUtc } from '~/lib/format';
import type { RouterOutputs } from '~/trpc/outputs';

export type DeploymentDetail = RouterOutputs['deployment']['byId'];

/** The strategy kind kept in the deployment's spec (JSON), or null for batch jobs. */
export function strategyKindOf(spec: unknown): string | null {
  if (typeof spec !== 'object' || spec === null || !('strategy' in spec)) return null;
  const strategy = (spec as { strategy?: { kind?: unknown } }).strategy;
  return typeof strategy?.kind === 'string' ? strategy.kind : null;
}

/** Where it runs, which version (one click to its lineage), who asked, and what it costs. */
export function DeploymentSummary({
  deployment,
  projectPath,
}: {
  deployment: DeploymentDetail;
  projectPath: string;
}) {
  const version = deployment.modelVersion;
  return (
    <Paper withBorder p="md" component="section" aria-label="Deployment summary">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md" verticalSpacing="md">
        <DetailItem label="Environment">
          {deployment.environment.name.toLowerCase()} · {deployment.environment.region}
        </DetailItem>
        <DetailItem label="Type">{DEPLOYMENT_TYPE_LABEL[deployment.type]}</DetailItem>
        <DetailItem label="Strategy">{strategyLabel(strategyKindOf(deployment.spec))}</DetailItem>
        <DetailItem label={deployment.type === 'BATCH' ? 'Transform job' : 'Endpoint'} isMono>
          {deployment.awsResourceName}
        </DetailItem>
        <DetailItem label="Model version">
          <Anchor component={Link} href={`${projectPath}/models/${version.id}`} size="sm">
            {version.modelGroup.name} v{version.version}
          </Anchor>{' '}
          <Text span size="xs" c="dimmed">
            ({VERSION_APPROVAL_LABEL[version.approvalStatus]})
          </Text>
        </DetailItem>
        <DetailItem label="Trained by run">
          {version.run ? (
            <Anchor component={Link} href={`${projectPath}/runs/${version.run.id}`} size="sm">
              {version.run.name || version.run.id}
            </Anchor>
          ) : (
            '—'
          )}
        </DetailItem>
        <DetailItem label="Requested">
          <span title={formatUtc(deployment.createdAt)}>
            {formatRelative(deployment.createdAt)} by {deployment.createdBy?.name ?? 'a former member'}
          </span>
        </DetailItem>
        <DetailItem label="In service since">
          {deployment.inServiceAt ? (
            <span title={formatUtc(deployment.inServiceAt)}>{formatRelative(deployment.inServiceAt)}</span>
          ) : (
            '—'
          )}
        </DetailItem>
        <DetailItem label="Predicted monthly cost">{formatUsd(deployment.predictedMonthlyUsd)}</DetailItem>
        <DetailItem label="Cost so far">{formatUsd(deployment.costSoFarUsd)}</DetailItem>
        <DetailItem label="Replaced deployment">
          {deployment.previous ? (
            <>
              <Anchor
                component={Link}
                href={`${projectPath}/deployments/${deployment.previous.id}`}
                size="sm"
              >
                v{deployment.previous.modelVersion.version} ({deployment.previous.id.slice(0, 8)})
              </Anchor>{' '}
              <DeploymentStatusBadge status={deployment.previous.status} />
            </>
          ) : (
            'None: a new endpoint'
          )}
        </DetailItem>
        {deployment.endedAt && (
          <DetailItem label="Ended">
            {formatUtc(deployment.endedAt)}
            {deployment.endReason ? `: ${deployment.endReason}` : ''}
          </DetailItem>
        )}
        {deployment.budgetOverrideReason && (
          <DetailItem label="Budget override">{deployment.budgetOverrideReason}</DetailItem>
        )}
      </SimpleGrid>
    </Paper>
  );
}
