export interface SigV4Scope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Reads who signed the request and for which service. The signature itself is not verified: the
 * sim holds no real secrets and tests sign with throwaway keys, so checking it would only add
 * clock-skew failures.
 */
export function parseSigV4Authorization(header: string | undefined): SigV4Scope | undefined {
  if (!header?.startsWith('AWS4-HMAC-SHA256')) return undefined;
  const match = CREDENTIAL.exec(header);
  if (!match) return undefined;
  const [, accessKeyId, date, region, service] = match;
  if (!accessKeyId || !date || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}
