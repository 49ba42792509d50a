import type { Actor } from '@cairn/core/actor';

/** Who the audit trail names for cost computation and the crossings it finds. */
export const COST_ACTOR = {
  kind: 'worker',
  onBehalfOfUserId: null,
  label: 'cairn-costs',
} as const satisfies Actor;
