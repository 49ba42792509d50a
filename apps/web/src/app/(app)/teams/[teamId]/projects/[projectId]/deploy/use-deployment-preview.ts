'use client';

import type { DeploymentSpecInput } from '@cairn/core/schemas/deployment';
import type { CostAssumptions } from '@cairn/core/schemas/deployment-request';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '~/trpc/client';

const PREVIEW_DEBOUNCE_MS = 400;
const POLL_WHILE_WAITING_MS = 3_000;
/** Refusals that lift by themselves: the model package gets registered, the endpoint settles. */
const PASSING_REFUSALS = new Set(['package_not_ready', 'endpoint_busy']);

interface PreviewRequest {
  spec: DeploymentSpecInput;
  assumptions: CostAssumptions;
}

/**
 * The server's verdict on the spec as the user types: asked once the spec parses, 400 ms after the
 * last change; the previous answer stays on screen meanwhile.
 */
export function useDeploymentPreview(
  teamId: string,
  projectId: string,
  spec: DeploymentSpecInput | null,
  assumptions: CostAssumptions,
) {
  const trpc = useTRPC();
  // Debounced as text: a fresh object each render would restart the timer forever.
  const requestText = spec ? JSON.stringify({ spec, assumptions }) : '';
  const [debouncedText] = useDebouncedValue(requestText, PREVIEW_DEBOUNCE_MS);
  const request = useMemo(
    () => (debouncedText ? (JSON.parse(debouncedText) as PreviewRequest) : null),
    [debouncedText],
  );
  const query = useQuery({
    ...trpc.deployment.preview.queryOptions({
      teamId,
      projectId,
      spec: request?.spec ?? ({} as DeploymentSpecInput),
      assumptions: request?.assumptions ?? {},
    }),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.data?.issues.some((issue) => PASSING_REFUSALS.has(issue.code))
        ? POLL_WHILE_WAITING_MS
        : false,
  });
  const isCurrent = requestText !== '' && requestText === debouncedText && !query.isPlaceholderData;
  return { query, isCurrent };
}
