import type { Team } from '@cairn/db/generated/prisma/client';
import { type AwsCaller, createAuditedCaller } from '../aws/audited-call';
import { createTeamClients, type TeamClients } from '../aws/team-clients';
import type { WorkerDeps } from './job-runner';

/** Who asked for the work; every job payload carries it. */
export interface Requester {
  requestedByUserId: string | null;
  requestedByLabel: string;
}

export interface TeamAws {
  clients: TeamClients;
  /** Sends through this to have each AWS call audited on behalf of the requester. */
  call: AwsCaller;
  close(): void;
}

/**
 * The team's AWS for one job: SDK clients acting as the team's role (the requester as source
 * identity, team and project as session tags) and an audited way to call them.
 */
export function openTeamAws(
  deps: WorkerDeps,
  options: {
    team: Team;
    projectSlug?: string;
    requester: Requester;
    jobId: string;
    /** A project environment may live in another region or account (its role override). */
    environment?: { region: string; roleArnOverride: string | null };
  },
): TeamAws {
  const { team, requester, environment } = options;
  const clients = createTeamClients({
    provider: deps.credentials,
    team: {
      teamId: team.id,
      roleArn: environment?.roleArnOverride ?? team.iamRoleArn,
      externalId: team.iamExternalId,
      region: environment?.region ?? team.awsRegion,
      sourceIdentity: requester.requestedByLabel,
      onBehalfOfUserId: requester.requestedByUserId,
      sessionTags: { team: team.slug, ...(options.projectSlug ? { project: options.projectSlug } : {}) },
    },
    endpoint: deps.awsEndpoint,
  });
  const call = createAuditedCaller(deps.db, {
    onBehalfOfUserId: requester.requestedByUserId,
    actorLabel: 'cairn-worker',
    teamId: team.id,
    jobId: options.jobId,
  });
  return { clients, call, close: () => clients.destroy() };
}
