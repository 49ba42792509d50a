'use client';

import { useQueries, useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/client';
import type { RouterOutputs } from '~/trpc/outputs';

const POLL_WHILE_REGISTERING_MS = 2_000;

export type ProjectVersion = RouterOutputs['modelVersion']['list']['items'][number];

/** Every model version of the project (the newest 100 of each group), newest group first. */
export function useProjectVersions(teamId: string, projectId: string) {
  const trpc = useTRPC();
  const groups = useQuery(trpc.modelGroup.list.queryOptions({ teamId, projectId }));
  const lists = useQueries({
    queries: (groups.data ?? []).map((group) => ({
      ...trpc.modelVersion.list.queryOptions({ teamId, projectId, modelGroupId: group.id, limit: 100 }),
      // A version still being registered in SageMaker cannot be deployed yet: watch it become ready.
      refetchInterval: (query: { state: { data?: { items: Array<{ awsStatus: string }> } } }) =>
        query.state.data?.items.some((version) => version.awsStatus === 'PENDING')
          ? POLL_WHILE_REGISTERING_MS
          : false,
    })),
  });
  const error = groups.error ?? lists.find((list) => list.error)?.error ?? null;
  const isPending = groups.isPending || lists.some((list) => list.isPending);
  const versions: ProjectVersion[] = lists.flatMap((list) => list.data?.items ?? []);
  return { versions, isPending, error, refetch: () => groups.refetch() };
}
