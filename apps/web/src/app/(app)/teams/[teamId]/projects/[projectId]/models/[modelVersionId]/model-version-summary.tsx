'use client';

import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import Link from 'next/link';
import { formatMetricValue } from '~/components/charts/format-metric';
import { DetailItem } from '~/components/detail-item';
import { ModelCardView, readModelCard } from '~/components/release/model-card-view';
import { Table } from '~/components/table';
import { formatRelative, formatUtc } from '~/lib/format';
import type { RouterOutputs } from '~/trpc/outputs';
import { readCapturedMetrics } from './captured-metrics';

type Version = RouterOutputs['modelVersion']['byId'];

/** Lineage, what is deployed (artifact, image, framework), the model card and the metrics captured at registration. */
export function ModelVersionSummary({ version, projectPath }: { version: Version; projectPath: string }) {
  const metrics = readCapturedMetrics(version.capturedMetrics);
  const experimentPath = `${projectPath}/experiments/${version.run.experiment.id}`;
  return (
    <Stack gap="lg">
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md" verticalSpacing="sm">
          <DetailItem label="Source run">
            <Anchor component={Link} href={`${projectPath}/runs/${version.run.id}`} size="sm">
              {version.run.name || version.run.id}
            </Anchor>
          </DetailItem>
          <DetailItem label="Experiment">
            <Anchor component={Link} href={experimentPath} size="sm">
              {version.run.experiment.name}
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
          <DetailItem label="Artifact revision">{version.artifactRevision}</DetailItem>
          <DetailItem label="SageMaker model package" isMono>
            {version.awsArn ?? (version.awsStatus === 'FAILED' ? version.awsError : 'Being created')}
          </DetailItem>
        </SimpleGrid>
      </Paper>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="sm">
          <Title order={3} fz="lg">
            Model card
          </Title>
          <Paper withBorder p="md">
            <ModelCardView card={readModelCard(version.modelCard)} />
          </Paper>
        </Stack>
        <Stack gap="sm">
          <Title order={3} fz="lg">
            Metrics at registration
          </Title>
          {metrics.length === 0 ? (
            <Text size="sm" c="dimmed">
              The run had logged no metrics when this version was registered.
            </Text>
          ) : (
            <Paper withBorder>
              <Table verticalSpacing={6} aria-label="Captured metrics">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Metric</Table.Th>
                    <Table.Th ta="right">Value</Table.Th>
                    <Table.Th ta="right">Step</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {metrics.map((metric) => (
                    <Table.Tr key={metric.key}>
                      <Table.Td ff="monospace" fz="sm">
                        {metric.key}
                      </Table.Td>
                      <Table.Td ta="right" ff="monospace" fz="sm">
                        {formatMetricValue(metric.value)}
                      </Table.Td>
                      <Table.Td ta="right" fz="sm">
                        {metric.step?.toLocaleString('en-US') ?? '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          )}
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}
