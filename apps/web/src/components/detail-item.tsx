import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A small uppercase label over its value, as on the run and project pages. */
export function DetailItem({
  label,
  children,
  isMono = false,
}: {
  label: string;
  children: ReactNode;
  isMono?: boolean;
}) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text
        size="sm"
        component="div"
        ff={isMono ? 'monospace' : undefined}
        style={{ overflowWrap: 'anywhere' }}
      >
        {children}
      </Text>
    </div>
  );
}
