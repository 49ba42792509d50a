import { AssumeRoleCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';

/** Temporary credentials as the SDK clients take them (structurally the SDK's AwsCredentialIdentity). */
export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** Who the worker acts for in AWS: the team's role, and the user the job was requested by. */
export interface TeamAwsIdentity {
  teamId: string;
  roleArn: string | null;
  externalId: string | null;
  region: string;
  /** The requesting user's email, or 'cairn-worker' for work nobody asked for directly. */
  sourceIdentity: string;
  sessionTags: { team: string; project?: string };
  /** Who asked, for the audit trail of the AssumeRole call; the cache does not depend on it. */
  onBehalfOfUserId?: string | null;
}

/** One AssumeRole as it went, for the audit trail; never the credentials themselves. */
export interface AssumeRoleOutcome {
  team: TeamAwsIdentity;
  roleArn: string;
  outcome: 'SUCCESS' | 'FAILED';
  awsRequestId: string | null;
  durationMs: number;
  error?: unknown;
}

/** A team has no IAM role: the worker refuses to act rather than use its own credentials. */
export class TeamRoleNotConfiguredError extends Error {
  readonly code = 'TeamRoleNotConfigured';
  constructor(readonly teamId: string) {
    super(
      `Team ${teamId} has no IAM role configured, so Cairn cannot act in its AWS account. ` +
        'A team admin must set the IAM role ARN in the team settings.',
    );
    this.name = 'TeamRoleNotConfiguredError';
  }
}

export interface TeamCredentialsProviderOptions {
  /** Configures the STS client that calls AssumeRole with the worker's own credentials. */
  stsClientConfig: STSClientConfig;
  now?: () => number;
  /** How long before expiry cached credentials stop being handed out. */
  refreshBeforeMs?: number;
  durationSeconds?: number;
  /** Called after every AssumeRole (cached answers make none); awaited, so a failed audit fails it. */
  onAssumeRole?: (outcome: AssumeRoleOutcome) => Promise<void> | void;
}

export interface TeamCredentialsProvider {
  /** Credentials of the team's assumed role, cached per role, external id, user and tags. */
  credentialsFor(team: TeamAwsIdentity): Promise<AwsCredentialIdentity>;
  /** Forgets the team's cached session (AWS rejected it), so the next request assumes the role anew. */
  invalidate(team: TeamAwsIdentity): void;
  destroy(): void;
}

const DEFAULT_REFRESH_BEFORE_MS = 5 * 60_000;
const DEFAULT_DURATION_SECONDS = 3_600;
// STS: RoleSessionName and SourceIdentity are 2-64 chars of [\w+=,.@-].
const STS_IDENTITY_CHARS = /[^\w+=,.@-]/g;
const STS_IDENTITY_MAX = 64;

/** Makes a value acceptable to STS rather than failing the job on an unusual email. */
export function stsIdentity(value: string): string {
  const cleaned = value.replace(STS_IDENTITY_CHARS, '-').slice(0, STS_IDENTITY_MAX);
  return cleaned.length >= 2 ? cleaned : `${cleaned}--`.slice(0, 2);
}

/** CloudTrail shows the session name in the assumed-role ARN, so it names the user too. */
export function roleSessionName(sourceIdentity: string): string {
  return stsIdentity(`cairn-${sourceIdentity}`);
}

// STS session tag values: up to 256 of letters, digits, spaces and _.:/=+-@.
const TAG_VALUE_CHARS = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;
const tagValue = (value: string) => value.replace(TAG_VALUE_CHARS, '-').slice(0, 256);

function sessionTags(tags: TeamAwsIdentity['sessionTags']) {
  const list = [{ Key: 'team', Value: tagValue(tags.team) }];
  if (tags.project) list.push({ Key: 'project', Value: tagValue(tags.project) });
  return list;
}

function cacheKey(team: TeamAwsIdentity, roleArn: string): string {
  const { externalId, sourceIdentity, sessionTags: tags } = team;
  return JSON.stringify([roleArn, externalId, sourceIdentity, tags.team, tags.project ?? null]);
}

interface CacheEntry {
  promise: Promise<AwsCredentialIdentity>;
  /** Set once resolved: when the entry stops being served (expiry minus the refresh margin). */
  staleAt?: number;
}

/** Assumes each team's IAM role through STS and keeps the session until shortly before it expires. */
export function createTeamCredentialsProvider(
  options: TeamCredentialsProviderOptions,
): TeamCredentialsProvider {
  const sts = new STSClient(options.stsClientConfig);
  const now = options.now ?? Date.now;
  const refreshBeforeMs = options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS;
  const durationSeconds = options.durationSeconds ?? DEFAULT_DURATION_SECONDS;
  const cache = new Map<string, CacheEntry>();

  function send(team: TeamAwsIdentity, roleArn: string) {
    return sts.send(
      new AssumeRoleCommand({
        RoleArn: roleArn,
        RoleSessionName: roleSessionName(team.sourceIdentity),
        ExternalId: team.externalId ?? undefined,
        SourceIdentity: stsIdentity(team.sourceIdentity),
        Tags: sessionTags(team.sessionTags),
        DurationSeconds: durationSeconds,
      }),
    );
  }

  async function assume(team: TeamAwsIdentity, roleArn: string): Promise<AwsCredentialIdentity> {
    const startedAt = performance.now();
    const report = (outcome: Omit<AssumeRoleOutcome, 'team' | 'roleArn' | 'durationMs'>) =>
      options.onAssumeRole?.({ team, roleArn, durationMs: performance.now() - startedAt, ...outcome });
    const output = await send(team, roleArn).catch(async (error: unknown) => {
      const metadata = (error as { $metadata?: { requestId?: string } }).$metadata;
      await report({ outcome: 'FAILED', awsRequestId: metadata?.requestId ?? null, error });
      throw error;
    });
    await report({ outcome: 'SUCCESS', awsRequestId: output.$metadata.requestId ?? null });
    const credentials = output.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.Expiration) {
      throw new Error(`STS AssumeRole for ${roleArn} returned no credentials`);
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    };
  }

  // Sessions of users who stopped deploying would otherwise stay in memory for the worker's lifetime.
  function prune() {
    const at = now();
    for (const [key, entry] of cache) {
      if (entry.staleAt !== undefined && entry.staleAt <= at) cache.delete(key);
    }
  }

  return {
    credentialsFor(team) {
      const { roleArn } = team;
      if (!roleArn) return Promise.reject(new TeamRoleNotConfiguredError(team.teamId));
      const key = cacheKey(team, roleArn);
      const cached = cache.get(key);
      // An unresolved entry is an AssumeRole in flight: concurrent jobs share it.
      if (cached && (cached.staleAt === undefined || now() < cached.staleAt)) return cached.promise;

      prune();
      const entry: CacheEntry = { promise: assume(team, roleArn) };
      cache.set(key, entry);
      entry.promise.then(
        (credentials) => {
          entry.staleAt = (credentials.expiration?.getTime() ?? now()) - refreshBeforeMs;
        },
        () => {
          // A failed AssumeRole is not cached: the next job asks STS again.
          if (cache.get(key) === entry) cache.delete(key);
        },
      );
      return entry.promise;
    },
    invalidate(team) {
      if (team.roleArn) cache.delete(cacheKey(team, team.roleArn));
    },
    destroy() {
      cache.clear();
      sts.destroy();
    },
  };
}
