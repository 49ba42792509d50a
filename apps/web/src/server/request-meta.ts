import type { RequestMeta } from '@cairn/core/actor';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_USER_AGENT_LENGTH = 512;

/**
 * Where a request came from, for the audit trail. The first x-forwarded-for hop is the client as
 * seen by the load balancer in front of Cairn; a caller-supplied request id is kept only when it
 * looks like one, so nobody can write arbitrary text into the audit log through a header.
 */
export function requestMetaFromHeaders(
  headers: Headers,
  newId: () => string = () => crypto.randomUUID(),
): RequestMeta {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  const ip = forwarded || headers.get('x-real-ip')?.trim() || null;
  const userAgent = headers.get('user-agent')?.slice(0, MAX_USER_AGENT_LENGTH) || null;
  const suppliedId = headers.get('x-request-id')?.trim();
  const requestId = suppliedId && REQUEST_ID_PATTERN.test(suppliedId) ? suppliedId : newId();
  return { ip: ip && ip.length <= 64 ? ip : null, userAgent, requestId };
}
