import { randomBytes } from 'node:crypto';
import { readQueryList } from '../query/query-protocol';
import { SimError } from '../service';

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;
const MIN_DURATION_SECONDS = 900;
// AWS caps at the role's MaxSessionDuration (1-12 h); the sim has no roles, so it allows the ceiling.
const MAX_DURATION_SECONDS = 43_200;
const DEFAULT_DURATION_SECONDS = 3_600;
const MAX_SESSION_TAGS = 50;

/** What a session issued by AssumeRole remembers, so GetCallerIdentity can answer for it. */
export interface AssumedSession {
  accountId: string;
  roleArn: string;
  assumedRoleArn: string;
  assumedRoleId: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
  sourceIdentity: string | undefined;
  tags: { key: string; value: string }[];
}

function randomId(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}

function required(form: Map<string, string>, field: string): string {
  const value = form.get(field);
  if (value === undefined || value === '') {
    throw new SimError('MissingParameter', `The request must contain the parameter ${field}`);
  }
  return value;
}

/** AWS reports every failed constraint at once, in this exact sentence shape. */
function constraintError(problems: string[]): SimError {
  const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected`;
  return new SimError('ValidationError', `${count}: ${problems.join('; ')}`);
}

function violation(value: string, member: string, constraint: string): string {
  return `Value '${value}' at '${member}' failed to satisfy constraint: Member must ${constraint}`;
}

/** Validates an AssumeRole form the way STS does and issues a new temporary session. */
export function assumeRole(form: Map<string, string>, now = new Date()): AssumedSession {
  const roleArn = required(form, 'RoleArn');
  const sessionName = required(form, 'RoleSessionName');
  const durationText = form.get('DurationSeconds');
  const sourceIdentity = form.get('SourceIdentity');
  const externalId = form.get('ExternalId');
  const tags = readQueryList(form, 'Tags').map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' }));

  const problems: string[] = [];
  const arnMatch = ROLE_ARN.exec(roleArn);
  if (!arnMatch) {
    problems.push(
      violation(roleArn, 'roleArn', 'be a role ARN: arn:aws:iam::<12-digit account>:role/<name>'),
    );
  }
  if (!SESSION_NAME.test(sessionName)) {
    problems.push(
      violation(sessionName, 'roleSessionName', 'have length 2-64 and match pattern [\\w+=,.@-]*'),
    );
  }
  const duration = durationText === undefined ? DEFAULT_DURATION_SECONDS : Number(durationText);
  if (!Number.isInteger(duration) || duration < MIN_DURATION_SECONDS || duration > MAX_DURATION_SECONDS) {
    problems.push(
      violation(
        String(durationText),
        'durationSeconds',
        `be between ${MIN_DURATION_SECONDS} and ${MAX_DURATION_SECONDS}`,
      ),
    );
  }
  if (sourceIdentity !== undefined && !SOURCE_IDENTITY.test(sourceIdentity)) {
    problems.push(
      violation(sourceIdentity, 'sourceIdentity', 'have length 2-64 and match pattern [\\w+=,.@-]*'),
    );
  }
  if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) {
    problems.push(
      violation(externalId, 'externalId', 'have length 2-1224 and match pattern [\\w+=,.@:\\/-]*'),
    );
  }
  if (tags.length > MAX_SESSION_TAGS) {
    problems.push(violation(`${tags.length} tags`, 'tags', `have at most ${MAX_SESSION_TAGS} members`));
  }
  tags.forEach((tag, index) => {
    if (!TAG_KEY.test(tag.key)) {
      problems.push(violation(tag.key, `tags.${index + 1}.member.key`, 'have length 1-128'));
    }
    if (!TAG_VALUE.test(tag.value)) {
      problems.push(violation(tag.value, `tags.${index + 1}.member.value`, 'have length 0-256'));
    }
  });
  const lowerKeys = tags.map((tag) => tag.key.toLowerCase());
  if (new Set(lowerKeys).size !== lowerKeys.length) {
    problems.push('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
  }
  if (problems.length > 0 || !arnMatch) throw constraintError(problems);

  const [, accountId = '', roleName = ''] = arnMatch;
  const assumedRoleId = `${randomId('AROA', 17)}:${sessionName}`;
  return {
    accountId,
    roleArn,
    assumedRoleArn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    assumedRoleId,
    accessKeyId: randomId('ASIA', 16),
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(180).toString('base64'),
    expiration: new Date(now.getTime() + duration * 1000),
    sourceIdentity,
    tags,
  };
}
