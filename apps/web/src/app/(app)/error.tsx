'use client';

import { Container } from '@mantine/core';
import { ErrorState } from '~/components/states';

export default function SignedInError({ error, reset }: { error: Error; reset: () => void }) {
  return (
    <Container size="sm" py="xl">
      <ErrorState error={error} onRetry={reset} />
    </Container>
  );
}
