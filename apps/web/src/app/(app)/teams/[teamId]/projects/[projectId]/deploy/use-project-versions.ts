'use client';

import { useQueries, useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/client';
import type { RouterOutputs } from '~/trpc/outputs';

export type ProjectVersion = RouterOutputs['modelVersion']['list']['items'][number];

/** Every model version of the project (the newest 100 of each group), newest group first. */
export function useProjectVersions(teamId: string, projectId: string) {
  const trpc = useTRPC();
  const groups = useQuery(trpc.modelGroup.list.queryOptions({ teamId, projectId }));
  const lists = useQueries({
    queries: (groups.data ?? []).map((group) =>
      trpc.modelVersion.list.queryOptions({ teamId, projectId, modelGroupId: group.id, limit: 100 }),
    ),
  });
  const error = groups.error ?? lists.find((list) => list.error)?.error ?? null;
  const isPending = groups.isPending || lists.some((list) => list.isPending);
  const versions: ProjectVersion[] = lists.flatMap((list) => list.data?.items ?? []);
  return { versions, isPending, error, refetch: () => groups.refetch() };
}
