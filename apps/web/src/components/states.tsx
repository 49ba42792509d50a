'use client';

import { Alert, Button, Center, EmptyState, Paper, Skeleton, Stack } from '@mantine/core';
import IconAlertTriangle from '@tabler/icons-react/icons/IconAlertTriangle';
import IconMapPinOff from '@tabler/icons-react/icons/IconMapPinOff';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { errorMessage, isNotFoundError } from '~/lib/errors';

export function LoadingRows({ rows = 4, height = 44 }: { rows?: number; height?: number }) {
  return (
    <Stack gap="xs" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Skeleton key={i} height={height} radius="md" />
      ))}
    </Stack>
  );
}

export function NotFoundState({ what = 'page', backHref = '/' }: { what?: string; backHref?: string }) {
  return (
    <Center py={64}>
      <EmptyState
        icon={<IconMapPinOff size={28} />}
        withIndicatorBackground
        title={`${what[0]?.toUpperCase() ?? ''}${what.slice(1)} not found`}
        description={`This ${what} does not exist, or you do not have access to it.`}
      >
        <EmptyState.Actions>
          <Button component={Link} href={backHref} variant="default">
            Go back
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </Center>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (isNotFoundError(error)) return <NotFoundState />;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle size={18} />}
      title="Could not load this"
      role="alert"
    >
      <Stack gap="xs" align="flex-start">
        {errorMessage(error)}
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyPanel({
  icon,
  title,
  description,
  action,
}: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Paper withBorder py={48} px="lg">
      <EmptyState icon={icon} withIndicatorBackground title={title} description={description}>
        {action && <EmptyState.Actions>{action}</EmptyState.Actions>}
      </EmptyState>
    </Paper>
  );
}
