import type { RunStatus } from '@cairn/services/tracking/tracking-views';
import { Badge } from '@mantine/core';

const STATUS_COLOR: Record<RunStatus, string> = {
  RUNNING: 'blue',
  SCHEDULED: 'gray',
  FINISHED: 'teal',
  FAILED: 'red',
  KILLED: 'orange',
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {status.toLowerCase()}
    </Badge>
  );
}
