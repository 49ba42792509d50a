import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPrismaClient } from '@cairn/db/client';
import { reportsDir } from '@cairn/launcher/paths';
import pg from 'pg';
import { callerAs, userIdByEmail } from './load-caller';
import { runHttpLoad } from './load-http';
import type { HttpLoadJob, HttpLoadResult } from './load-http-runner';
import { createIngestRuns } from './load-ingest-runs';
import { measurePages } from './load-pages';
import { busiestQueries, trpcQueryUrl } from './load-queries';
import { latencyTable, machineLine, overheadTable, pagesTable, type SqlComparison } from './load-report';
import { signInCookie } from './load-sign-in';
import { captureQuerySql, timeStatements } from './load-sql-capture';
import { startLoadStack } from './load-stack';
import { findLoadTargets } from './load-targets';
import { ms } from './measure';

const CONCURRENCY = [1, 4, 16];
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 3);
const SQL_ROUNDS = 30;
const PAGE_LOADS = 3;
const INGEST_POINTS = 100;
const ADMIN = 'admin@example.com';
const DEMO_PASSWORD = 'cairn-demo';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const startedAt = Date.now();
  const load = await startLoadStack(log);
  const db = createPrismaClient({ connectionString: load.databaseUrl, maxConnections: 2 });
  const sqlClient = new pg.Client({ connectionString: load.databaseUrl });
  try {
    await sqlClient.connect();
    const postgres = (await sqlClient.query<{ server_version: string }>('SHOW server_version')).rows[0]
      ?.server_version;
    const machine = machineLine(`Postgres ${postgres}`);
    const cookie = await signInCookie(load.webUrl, ADMIN, DEMO_PASSWORD);
    const adminId = await userIdByEmail(db, ADMIN);
    const targets = await findLoadTargets(await callerAs(db, adminId));
    const month = `${new Date().toISOString().slice(0, 7)}-01`;
    const queries = busiestQueries(targets, month);
    const sessionHeaders = { cookie, origin: load.webUrl };
    for (const query of queries) {
      const response = await fetch(trpcQueryUrl(load.webUrl, query), { headers: sessionHeaders });
      if (!response.ok)
        throw new Error(`${query.label} answered ${response.status}: ${await response.text()}`);
    }

    const queryJobs: HttpLoadJob[] = queries.flatMap((query) =>
      CONCURRENCY.map((concurrency) => ({
        label: query.label,
        url: trpcQueryUrl(load.webUrl, query),
        method: 'GET' as const,
        headers: sessionHeaders,
        concurrency,
        seconds: SECONDS,
      })),
    );
    const ingestRunIds = await createIngestRuns(load.webUrl, load.apiTokenSecret, 16);
    const ingestJobs: HttpLoadJob[] = CONCURRENCY.map((concurrency) => ({
      label: `MLflow runs/log-batch (${INGEST_POINTS} points)`,
      url: `${load.webUrl}/api/2.0/mlflow/runs/log-batch`,
      method: 'POST',
      headers: { authorization: `Bearer ${load.apiTokenSecret}`, 'content-type': 'application/json' },
      concurrency,
      seconds: SECONDS,
      ingest: { runIds: ingestRunIds, points: INGEST_POINTS },
    }));
    log(`Load: ${queryJobs.length + ingestJobs.length} steps of ${SECONDS} s from a second process...`);
    const progress = (result: HttpLoadResult) =>
      log(
        `  ${result.label} c=${result.concurrency}: p50 ${ms(result.p50)}, ${result.requestsPerSecond.toFixed(0)} req/s`,
      );
    const queryResults = await runHttpLoad(queryJobs, progress);
    const ingestResults = await runHttpLoad(ingestJobs, progress);

    log('The same SQL, run directly...');
    const comparisons: SqlComparison[] = [];
    for (const query of queries) {
      const statements = await captureQuerySql(load.databaseUrl, adminId, query.path, query.input);
      const endToEnd = queryResults.find(
        (result) => result.label === query.label && result.concurrency === 1,
      );
      comparisons.push({
        label: query.label,
        statements: statements.length,
        sqlP50: await timeStatements(sqlClient, statements, SQL_ROUNDS),
        endToEndP50: endToEnd?.p50 ?? Number.NaN,
      });
    }

    log('Pages in chromium...');
    const { teamId, projectId, experimentId, runIds, modelProjectId, modelVersionId } = targets;
    const project = `/teams/${teamId}/projects/${projectId}`;
    const modelProject = `/teams/${teamId}/projects/${modelProjectId}`;
    const TEAM = '(app)/teams/[teamId]';
    const PROJECT = `${TEAM}/projects/[projectId]`;
    const pages = await measurePages(
      load.webUrl,
      cookie,
      [
        { label: 'home', path: '/', route: '(app)/page' },
        { label: 'team projects', path: `/teams/${teamId}/projects`, route: `${TEAM}/projects/page` },
        { label: 'project', path: project, route: `${PROJECT}/page` },
        {
          label: 'runs table (experiment)',
          path: `${project}/experiments/${experimentId}`,
          route: `${PROJECT}/experiments/[experimentId]/page`,
        },
        { label: 'run', path: `${project}/runs/${runIds[0]}`, route: `${PROJECT}/runs/[runId]/page` },
        {
          label: 'model version',
          path: `${modelProject}/models/${modelVersionId}`,
          route: `${PROJECT}/models/[modelVersionId]/page`,
        },
        { label: 'deployments', path: `${modelProject}/deployments`, route: `${PROJECT}/deployments/page` },
        { label: 'approvals desk', path: '/approvals', route: '(app)/approvals/page' },
        { label: 'admin audit', path: '/admin/audit', route: '(app)/admin/audit/page' },
        { label: 'admin costs', path: '/admin/costs', route: '(app)/admin/costs/page' },
      ],
      PAGE_LOADS,
    );

    const report = [
      `## Load on the production build (${new Date().toISOString().slice(0, 16)} UTC)`,
      `Machine: ${machine}. Data: ${load.dataLabel}. ${SECONDS} s per step.`,
      `### tRPC queries\n\n${latencyTable(queryResults)}`,
      `### End-to-end against the same SQL run directly\n\n${overheadTable(comparisons)}`,
      `### MLflow ingest\n\n${latencyTable(ingestResults, (result) => (result.requestsPerSecond * INGEST_POINTS).toFixed(0))}`,
      `### Pages (median of ${PAGE_LOADS} loads, signed in as the org admin)\n\n${pagesTable(pages)}`,
    ].join('\n\n');
    mkdirSync(reportsDir(), { recursive: true });
    writeFileSync(join(reportsDir(), 'bench-load.md'), `${report}\n`);
    log(`\n${report}\n\nAlso written to .reports/bench-load.md.`);
    log(`Total ${((Date.now() - startedAt) / 1000).toFixed(0)} s.`);
  } finally {
    await sqlClient.end().catch(() => {});
    await db.$disconnect();
    await load.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`Load bench failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
