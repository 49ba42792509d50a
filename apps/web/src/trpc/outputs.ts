import type { AppRouter } from '@cairn/api/root';
import type { inferRouterOutputs } from '@trpc/server';

/** What each procedure answers, for components that receive a query's data as props. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
