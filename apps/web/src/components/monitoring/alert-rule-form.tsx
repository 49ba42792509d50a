'use client';

import {
  ALERT_COMPARATORS,
  ALERT_SEVERITIES,
  ALERT_STATISTICS,
  COMPARATOR_SYMBOL,
} from '@cairn/core/monitoring/evaluate-alert-rule';
import { ENDPOINT_METRICS, MAX_DRIFT_METRIC } from '@cairn/core/monitoring/metric-catalogue';
import { createAlertRuleInput } from '@cairn/core/monitoring/monitoring-schemas';
import {
  Autocomplete,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Switch,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { FormActions } from '~/components/form-actions';
import { type FieldErrors, zodFieldErrors } from '~/lib/errors';
import type { AlertRuleDraft, RuleSubmission } from './alert-rule-draft';

const METRIC_OPTIONS = [...ENDPOINT_METRICS.map((metric) => metric.key), MAX_DRIFT_METRIC];
const COMPARATOR_LABEL: Record<string, string> = {
  GREATER_THAN: `${COMPARATOR_SYMBOL.GREATER_THAN} greater than`,
  GREATER_THAN_OR_EQUAL: `${COMPARATOR_SYMBOL.GREATER_THAN_OR_EQUAL} at least`,
  LESS_THAN: `${COMPARATOR_SYMBOL.LESS_THAN} less than`,
  LESS_THAN_OR_EQUAL: `${COMPARATOR_SYMBOL.LESS_THAN_OR_EQUAL} at most`,
};

interface AlertRuleFormProps {
  title: string;
  initial: AlertRuleDraft;
  /** Offer "every deployment of the project" (only when the panel is on one deployment and the rule is new). */
  canChooseScope: boolean;
  serverErrors: FieldErrors;
  isSubmitting: boolean;
  onSubmit: (rule: RuleSubmission) => void;
  onClose: () => void;
}

/** Add or edit a rule, checked with the schema the server uses before it is sent. */
export function AlertRuleForm({
  title,
  initial,
  canChooseScope,
  serverErrors,
  isSubmitting,
  onSubmit,
  onClose,
}: AlertRuleFormProps) {
  const [draft, setDraft] = useState<AlertRuleDraft>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = <K extends keyof AlertRuleDraft>(key: K, value: AlertRuleDraft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const shown = { ...errors, ...serverErrors };

  function submit(event: FormEvent) {
    event.preventDefault();
    const rule = {
      ...draft,
      threshold: typeof draft.threshold === 'number' ? draft.threshold : Number.NaN,
      windowMinutes: typeof draft.windowMinutes === 'number' ? draft.windowMinutes : Number.NaN,
      evaluationPeriods: typeof draft.evaluationPeriods === 'number' ? draft.evaluationPeriods : Number.NaN,
    };
    // Ids are the server's business; placeholders let the shared schema check the fields.
    const placeholder = '00000000-0000-4000-8000-000000000000';
    const parsed = createAlertRuleInput.safeParse({ ...rule, teamId: placeholder, projectId: placeholder });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    onSubmit(rule);
  }

  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Name"
            value={draft.name}
            onChange={(event) => set('name', event.currentTarget.value)}
            error={shown.name}
            required
            data-autofocus
          />
          <Autocomplete
            label="Metric"
            description="A catalogue metric, drift:* (largest feature drift), drift:<feature> or quality:<metric>"
            data={METRIC_OPTIONS}
            value={draft.metric}
            onChange={(value) => set('metric', value)}
            error={shown.metric}
            required
          />
          <Group grow align="flex-start">
            <Select
              label="Statistic"
              data={[...ALERT_STATISTICS]}
              value={draft.statistic}
              onChange={(value) => value && set('statistic', value as AlertRuleDraft['statistic'])}
              error={shown.statistic}
              allowDeselect={false}
            />
            <Select
              label="Comparator"
              data={ALERT_COMPARATORS.map((value) => ({ value, label: COMPARATOR_LABEL[value] ?? value }))}
              value={draft.comparator}
              onChange={(value) => value && set('comparator', value as AlertRuleDraft['comparator'])}
              error={shown.comparator}
              allowDeselect={false}
            />
            <NumberInput
              label="Threshold"
              value={draft.threshold}
              onChange={(value) => set('threshold', value)}
              error={shown.threshold}
              decimalScale={6}
            />
          </Group>
          <Group grow align="flex-start">
            <NumberInput
              label="Window (minutes)"
              value={draft.windowMinutes}
              onChange={(value) => set('windowMinutes', value)}
              error={shown.windowMinutes}
              min={1}
              max={1440}
              allowDecimal={false}
            />
            <NumberInput
              label="Evaluation periods"
              description="Windows in a row to fire, and to resolve"
              value={draft.evaluationPeriods}
              onChange={(value) => set('evaluationPeriods', value)}
              error={shown.evaluationPeriods}
              min={1}
              max={10}
              allowDecimal={false}
            />
            <Select
              label="Severity"
              data={[...ALERT_SEVERITIES]}
              value={draft.severity}
              onChange={(value) => value && set('severity', value as AlertRuleDraft['severity'])}
              error={shown.severity}
              allowDeselect={false}
            />
          </Group>
          {canChooseScope && (
            <Checkbox
              label="Apply to every deployment of the project"
              checked={draft.isProjectWide}
              onChange={(event) => set('isProjectWide', event.currentTarget.checked)}
            />
          )}
          <Switch
            label="Enabled"
            checked={draft.isEnabled}
            onChange={(event) => set('isEnabled', event.currentTarget.checked)}
          />
          <FormActions submitLabel="Save rule" isSubmitting={isSubmitting} onCancel={onClose} />
        </Stack>
      </form>
    </Modal>
  );
}
