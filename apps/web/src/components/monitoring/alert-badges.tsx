import { Badge } from '@mantine/core';

export const SEVERITY_COLOR: Record<string, string> = { CRITICAL: 'red', WARNING: 'orange', INFO: 'blue' };
const STATUS_COLOR: Record<string, string> = { FIRING: 'red', ACKNOWLEDGED: 'yellow', RESOLVED: 'teal' };
const STATUS_LABEL: Record<string, string> = {
  FIRING: 'Firing',
  ACKNOWLEDGED: 'Acknowledged',
  RESOLVED: 'Resolved',
};

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge color={SEVERITY_COLOR[severity] ?? 'gray'} variant="light" size="sm">
      {severity.toLowerCase()}
    </Badge>
  );
}

export function AlertStatusBadge({ status }: { status: string }) {
  return (
    <Badge
      color={STATUS_COLOR[status] ?? 'gray'}
      variant={status === 'FIRING' ? 'filled' : 'light'}
      size="sm"
    >
      {STATUS_LABEL[status] ?? status}
    </Badge>
  );
}
