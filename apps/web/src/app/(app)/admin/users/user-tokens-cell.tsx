'use client';

import { Stack, Text, UnstyledButton } from '@mantine/core';
import { lazy } from 'react';
import { OpenOnFirstClick } from '~/components/open-on-first-click';
import { formatRelative } from '~/lib/format';

const UserTokensPopover = lazy(() =>
  import('./user-tokens-popover').then((module) => ({ default: module.UserTokensPopover })),
);

export interface UserToken {
  id: string;
  name: string;
  prefix: string;
  teamId: string;
  projectId: string;
  projectName: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  status: 'active' | 'expired' | 'revoked';
}

/** The API tokens a user created: how many still work, and each one's project and last use on demand. */
export function UserTokensCell({ tokens }: { tokens: UserToken[] }) {
  if (tokens.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        none
      </Text>
    );
  }
  const active = tokens.filter((token) => token.status === 'active');
  const lastUsed = active
    .map((token) => token.lastUsedAt)
    .filter((date): date is Date => date !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return (
    <OpenOnFirstClick
      trigger={(onClick) => (
        <UnstyledButton aria-label={`${tokens.length} API tokens`} onClick={onClick}>
          <Stack gap={0}>
            <Text size="sm" td="underline" style={{ textDecorationStyle: 'dotted' }}>
              {active.length} active of {tokens.length}
            </Text>
            <Text size="xs" c="dimmed">
              {lastUsed ? `used ${formatRelative(lastUsed)}` : 'active ones never used'}
            </Text>
          </Stack>
        </UnstyledButton>
      )}
      popup={(target) => <UserTokensPopover target={target} tokens={tokens} />}
    />
  );
}
