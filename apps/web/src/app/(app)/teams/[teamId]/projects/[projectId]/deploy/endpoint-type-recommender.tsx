'use client';

import {
  type LatencyNeed,
  recommendEndpointType,
  type TrafficPattern,
} from '@cairn/core/deployments/recommend-endpoint-type';
import type { DeploymentType } from '@cairn/core/schemas/deployment';
import {
  Alert,
  Button,
  Group,
  List,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import IconBulb from '@tabler/icons-react/icons/IconBulb';
import { useState } from 'react';
import { DEPLOYMENT_TYPE_LABEL } from '~/components/deployments/deployment-labels';
import { type NumberField, toNumber } from './deploy-wizard-state';

const LATENCY_OPTIONS: Array<{ value: LatencyNeed; label: string }> = [
  { value: 'interactive', label: 'Interactive (a caller waits, under a second)' },
  { value: 'seconds', label: 'Seconds are fine' },
  { value: 'minutes', label: 'Minutes are fine' },
  { value: 'none', label: 'No one waits (offline)' },
];

const TRAFFIC_OPTIONS: Array<{ value: TrafficPattern; label: string }> = [
  { value: 'steady', label: 'Steady, all day' },
  { value: 'spiky', label: 'Spiky bursts' },
  { value: 'rare', label: 'Rare, with idle hours' },
  { value: 'batch', label: 'A whole dataset at once' },
];

/** "Help me choose": the endpoint type SageMaker's limits suggest for the stated workload. */
export function EndpointTypeRecommender({ onApply }: { onApply: (type: DeploymentType) => void }) {
  const [payloadMb, setPayloadMb] = useState<NumberField>(0.01);
  const [processingSeconds, setProcessingSeconds] = useState<NumberField>(0.05);
  const [latencyNeed, setLatencyNeed] = useState<LatencyNeed>('interactive');
  const [trafficPattern, setTrafficPattern] = useState<TrafficPattern>('steady');
  const payload = toNumber(payloadMb);
  const processing = toNumber(processingSeconds);
  const isStated = Number.isFinite(payload) && payload > 0 && Number.isFinite(processing) && processing > 0;
  const recommendation = isStated
    ? recommendEndpointType({
        payloadMb: payload,
        processingSeconds: processing,
        latencyNeed,
        trafficPattern,
      })
    : null;

  return (
    <Paper withBorder p="md" bg="var(--mantine-color-gray-light)">
      <Stack gap="sm">
        <Text fw={600}>Help me choose</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <NumberInput
            label="Payload per request (MB)"
            min={0}
            decimalScale={3}
            value={payloadMb}
            onChange={setPayloadMb}
          />
          <NumberInput
            label="Processing time (s)"
            min={0}
            decimalScale={3}
            value={processingSeconds}
            onChange={setProcessingSeconds}
          />
          <Select
            label="Latency need"
            data={LATENCY_OPTIONS}
            value={latencyNeed}
            onChange={(value) => value && setLatencyNeed(value as LatencyNeed)}
            allowDeselect={false}
          />
          <Select
            label="Traffic pattern"
            data={TRAFFIC_OPTIONS}
            value={trafficPattern}
            onChange={(value) => value && setTrafficPattern(value as TrafficPattern)}
            allowDeselect={false}
          />
        </SimpleGrid>
        {recommendation ? (
          <Alert
            color="blue"
            variant="light"
            icon={<IconBulb size={18} />}
            title={`Recommended: ${DEPLOYMENT_TYPE_LABEL[recommendation.type]}`}
          >
            <Stack gap="xs">
              <Text size="sm">{recommendation.reason}</Text>
              <List size="sm" spacing={4}>
                {recommendation.alternatives.map((alternative) => (
                  <List.Item key={alternative.type}>
                    <Text span size="sm" fw={600}>
                      Not {DEPLOYMENT_TYPE_LABEL[alternative.type].toLowerCase()}:
                    </Text>{' '}
                    {alternative.whyNot}
                  </List.Item>
                ))}
              </List>
              <Group>
                <Button size="xs" onClick={() => onApply(recommendation.type)}>
                  Use {DEPLOYMENT_TYPE_LABEL[recommendation.type].toLowerCase()}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            State a payload size and a processing time above zero to get a recommendation.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
