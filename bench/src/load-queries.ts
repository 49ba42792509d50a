import superjson from 'superjson';
import type { LoadTargets } from './load-targets';

/** One tRPC query under load: its procedure, its input, and the page that asks for it. */
export interface LoadQuery {
  label: string;
  path: string;
  input: unknown;
}

/** The queries behind the portal's busiest pages, with the inputs those pages send. */
export function busiestQueries(targets: LoadTargets, month: string): LoadQuery[] {
  const { teamId, projectId, experimentId, runIds, modelProjectId, modelGroupId } = targets;
  return [
    { label: 'team.list', path: 'team.list', input: undefined },
    { label: 'project.list', path: 'project.list', input: { teamId } },
    { label: 'experiment.list', path: 'experiment.list', input: { teamId, projectId } },
    {
      label: 'run.search (runs table, 50)',
      path: 'run.search',
      input: { teamId, experimentIds: [experimentId], maxResults: 50, runViewType: 'ACTIVE_ONLY' },
    },
    {
      label: 'run.metricSeries (5 runs)',
      path: 'run.metricSeries',
      input: { teamId, runIds: runIds.slice(0, 5) },
    },
    {
      label: 'modelVersion.list',
      path: 'modelVersion.list',
      input: { teamId, projectId: modelProjectId, modelGroupId },
    },
    { label: 'deployment.list', path: 'deployment.list', input: { teamId, projectId: modelProjectId } },
    { label: 'monitoring.openAlertSummary', path: 'monitoring.openAlertSummary', input: {} },
    { label: 'audit.list', path: 'audit.list', input: { limit: 50 } },
    { label: 'cost.team', path: 'cost.team', input: { teamId, month } },
    { label: 'approval.desk', path: 'approval.desk', input: undefined },
    { label: 'notification.list', path: 'notification.list', input: { limit: 20 } },
  ];
}

/** The GET URL tRPC 11's httpLink sends for a query, with the app's superjson transformer. */
export function trpcQueryUrl(webUrl: string, query: LoadQuery): string {
  const url = new URL(`/api/trpc/${query.path}`, webUrl);
  if (query.input !== undefined)
    url.searchParams.set('input', JSON.stringify(superjson.serialize(query.input)));
  return url.toString();
}
