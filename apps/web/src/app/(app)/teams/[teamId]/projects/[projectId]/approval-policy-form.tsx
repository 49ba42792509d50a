'use client';

import {
  type ApprovalPolicy,
  MAX_METRIC_GATES,
  MAX_REQUEST_TTL_HOURS,
  MAX_REQUIRED_APPROVALS,
  METRIC_GATE_OPS,
  type MetricDirection,
  type MetricGateOp,
  MIN_REQUEST_TTL_HOURS,
  MIN_REQUIRED_APPROVALS,
} from '@cairn/core/schemas/approval-policy';
import { updateApprovalPolicyInput } from '@cairn/core/schemas/approval-request';
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Fieldset,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import IconPlus from '@tabler/icons-react/icons/IconPlus';
import IconTrash from '@tabler/icons-react/icons/IconTrash';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, zodPathErrors } from '~/lib/errors';
import { reportFormError } from '~/lib/report-form-error';
import { useTRPC } from '~/trpc/client';

interface GateRow {
  /** Identity for React only; never sent. */
  rowId: number;
  metric: string;
  op: MetricGateOp;
  threshold: number | string;
}

let nextRowId = 1;

/** An empty NumberInput answers ''; the schema then says the number is missing. */
function toNumber(value: number | string): number {
  return typeof value === 'number' ? value : value.trim() === '' ? Number.NaN : Number(value);
}

interface ApprovalPolicyFormProps {
  teamId: string;
  projectId: string;
  initial: ApprovalPolicy;
  /** The metric keys the project's runs have logged: what a gate can usefully name. */
  metricKeys: string[];
  onDone: () => void;
}

/** The whole policy in one form, checked with the server's schema before it is sent. */
export function ApprovalPolicyForm({
  teamId,
  projectId,
  initial,
  metricKeys,
  onDone,
}: ApprovalPolicyFormProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [requiredApprovals, setRequiredApprovals] = useState<number | string>(initial.requiredApprovals);
  const [gates, setGates] = useState<GateRow[]>(() =>
    initial.metricGates.map((gate) => ({ ...gate, rowId: nextRowId++ })),
  );
  const [isBeatsProductionOn, setBeatsProductionOn] = useState(initial.beatsProduction !== null);
  const [primaryMetric, setPrimaryMetric] = useState(initial.beatsProduction?.metric ?? '');
  const [direction, setDirection] = useState<MetricDirection>(initial.beatsProduction?.direction ?? 'higher');
  const [budgetHeadroom, setBudgetHeadroom] = useState(initial.budgetHeadroom);
  const [requestTtlHours, setRequestTtlHours] = useState<number | string>(initial.requestTtlHours);
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useMutation(
    trpc.approvalPolicy.update.mutationOptions({
      onSuccess: async () => {
        notifications.show({
          color: 'teal',
          title: 'Approval policy saved',
          message: 'New requests are judged by it. Open requests keep the policy they were opened under.',
        });
        await queryClient.invalidateQueries({
          queryKey: trpc.approvalPolicy.get.queryKey({ teamId, projectId }),
        });
        onDone();
      },
      onError: (error) => reportFormError(error, 'Could not save the approval policy', setErrors),
    }),
  );

  function setGate(rowId: number, change: Partial<GateRow>) {
    setGates((rows) => rows.map((row) => (row.rowId === rowId ? { ...row, ...change } : row)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = updateApprovalPolicyInput.safeParse({
      teamId,
      projectId,
      policy: {
        requiredApprovals: toNumber(requiredApprovals),
        metricGates: gates.map((gate) => ({
          metric: gate.metric.trim(),
          op: gate.op,
          threshold: toNumber(gate.threshold),
        })),
        beatsProduction: isBeatsProductionOn ? { metric: primaryMetric.trim(), direction } : null,
        budgetHeadroom,
        requestTtlHours: toNumber(requestTtlHours),
      },
    });
    if (!parsed.success) {
      setErrors(zodPathErrors(parsed.error, 'policy.'));
      return;
    }
    setErrors({});
    update.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <NumberInput
          label="Required approvals"
          description="Independent approvers: neither the registrant nor the run's author counts"
          min={MIN_REQUIRED_APPROVALS}
          max={MAX_REQUIRED_APPROVALS}
          allowDecimal={false}
          value={requiredApprovals}
          onChange={setRequiredApprovals}
          error={errors.requiredApprovals}
          w={260}
          data-autofocus
        />
        <Fieldset legend="Metric gates">
          <Stack gap="xs">
            {gates.length === 0 && (
              <Text size="sm" c="dimmed">
                No metric gates: any metric values may be released.
              </Text>
            )}
            {gates.map((gate, index) => (
              <Group key={gate.rowId} align="flex-start" gap="xs" wrap="nowrap">
                <Autocomplete
                  aria-label={`Gate ${index + 1} metric`}
                  placeholder="accuracy"
                  data={metricKeys}
                  value={gate.metric}
                  onChange={(value) => setGate(gate.rowId, { metric: value })}
                  error={errors[`metricGates.${index}.metric`]}
                  style={{ flex: 2 }}
                />
                <Select
                  aria-label={`Gate ${index + 1} operator`}
                  data={[...METRIC_GATE_OPS]}
                  value={gate.op}
                  onChange={(value) => value && setGate(gate.rowId, { op: value as MetricGateOp })}
                  error={errors[`metricGates.${index}.op`]}
                  allowDeselect={false}
                  w={90}
                />
                <NumberInput
                  aria-label={`Gate ${index + 1} threshold`}
                  placeholder="0.85"
                  value={gate.threshold}
                  onChange={(value) => setGate(gate.rowId, { threshold: value })}
                  error={errors[`metricGates.${index}.threshold`]}
                  hideControls
                  style={{ flex: 1 }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={`Remove gate ${index + 1}`}
                  onClick={() => setGates((rows) => rows.filter((row) => row.rowId !== gate.rowId))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            {errors.metricGates && (
              <Text size="xs" c="red">
                {errors.metricGates}
              </Text>
            )}
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} />}
                disabled={gates.length >= MAX_METRIC_GATES}
                onClick={() =>
                  setGates((rows) => [...rows, { rowId: nextRowId++, metric: '', op: '>=', threshold: '' }])
                }
              >
                Add gate
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Fieldset legend="Beats production">
          <Stack gap="xs">
            <Switch
              label="The candidate must be at least as good as the version in production"
              checked={isBeatsProductionOn}
              onChange={(e) => setBeatsProductionOn(e.currentTarget.checked)}
            />
            {isBeatsProductionOn && (
              <Group align="flex-end" gap="sm">
                <Autocomplete
                  label="Primary metric"
                  placeholder="auc"
                  data={metricKeys}
                  value={primaryMetric}
                  onChange={setPrimaryMetric}
                  error={errors['beatsProduction.metric']}
                  style={{ flex: 1 }}
                />
                <SegmentedControl
                  aria-label="Primary metric direction"
                  value={direction}
                  onChange={(value) => setDirection(value as MetricDirection)}
                  data={[
                    { value: 'higher', label: 'Higher is better' },
                    { value: 'lower', label: 'Lower is better' },
                  ]}
                />
              </Group>
            )}
          </Stack>
        </Fieldset>
        <Switch
          label="Budget headroom"
          description="The predicted monthly cost must fit in what is left of the team's monthly budget. It counts once deployments predict their cost: until then, in a team with a budget, requests wait at this gate."
          checked={budgetHeadroom}
          onChange={(e) => setBudgetHeadroom(e.currentTarget.checked)}
        />
        <NumberInput
          label="Request expiry (hours)"
          description={`Between ${MIN_REQUEST_TTL_HOURS} and ${MAX_REQUEST_TTL_HOURS} hours; 168 is a week`}
          min={MIN_REQUEST_TTL_HOURS}
          max={MAX_REQUEST_TTL_HOURS}
          allowDecimal={false}
          value={requestTtlHours}
          onChange={setRequestTtlHours}
          error={errors.requestTtlHours}
          w={260}
        />
        {errors.policy && (
          <Alert color="red" variant="light">
            {errors.policy}
          </Alert>
        )}
        <FormActions submitLabel="Save policy" isSubmitting={update.isPending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
