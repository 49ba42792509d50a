'use client';

import { Badge, Group, Paper, Progress, Stack, Text, Timeline } from '@mantine/core';
import {
  DEPLOYMENT_STATUS_COLOR,
  DEPLOYMENT_STATUS_LABEL,
  latestTrafficPercent,
} from '~/components/deployments/deployment-labels';
import { formatDateTime, formatUtc } from '~/lib/format';
import type { DeploymentDetail } from './deployment-summary';
import { strategyKindOf } from './deployment-summary';

/** Every state the endpoint passed through, oldest first, with the traffic shift of a canary or linear rollout. */
export function DeploymentTimeline({ deployment }: { deployment: DeploymentDetail }) {
  const kind = strategyKindOf(deployment.spec);
  const isShifting = kind === 'CANARY' || kind === 'LINEAR';
  const traffic = latestTrafficPercent(deployment.events);
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        {isShifting && (
          <div>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={500}>
                Traffic on the new fleet
              </Text>
              <Text size="sm" data-testid="traffic-percent">
                {traffic === null ? 'not shifted yet' : `${traffic}%`}
              </Text>
            </Group>
            <Progress
              value={traffic ?? 0}
              color={deployment.status === 'ROLLING_BACK' ? 'orange' : 'teal'}
              aria-label="Traffic on the new fleet"
              animated={deployment.status === 'UPDATING' || deployment.status === 'CREATING'}
            />
          </div>
        )}
        {deployment.events.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing has happened yet.
          </Text>
        ) : (
          <Timeline
            active={deployment.events.length - 1}
            bulletSize={14}
            lineWidth={2}
            aria-label="Deployment timeline"
          >
            {deployment.events.map((event) => (
              <Timeline.Item
                key={event.id}
                color={DEPLOYMENT_STATUS_COLOR[event.status]}
                title={
                  <Group gap="xs">
                    <Badge size="sm" variant="light" color={DEPLOYMENT_STATUS_COLOR[event.status]}>
                      {DEPLOYMENT_STATUS_LABEL[event.status]}
                    </Badge>
                    {event.awsStatus && (
                      <Text span size="xs" c="dimmed" ff="monospace">
                        {event.awsStatus}
                      </Text>
                    )}
                    {event.trafficPercent !== null && (
                      <Text span size="xs" c="dimmed">
                        {event.trafficPercent}% of traffic
                      </Text>
                    )}
                  </Group>
                }
              >
                {event.detail && (
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {event.detail}
                  </Text>
                )}
                <Text size="xs" c="dimmed" title={formatUtc(event.occurredAt)}>
                  {formatDateTime(event.occurredAt)}
                </Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Paper>
  );
}
