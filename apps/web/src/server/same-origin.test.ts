import { describe, expect, it } from 'vitest';
import { checkSameOrigin } from './same-origin';

const allowedOrigins = ['https://cairn.example.com', 'http://10.0.0.5:3000'];

function check(method: string, path: string, headers: Record<string, string>) {
  return checkSameOrigin({ method, path, headers: new Headers(headers), allowedOrigins });
}

describe('checkSameOrigin', () => {
  it('lets a mutation from the portal through (Sec-Fetch-Site or a matching Origin)', () => {
    expect(check('POST', '/api/trpc/project.create', { 'sec-fetch-site': 'same-origin' }).isAllowed).toBe(
      true,
    );
    expect(check('POST', '/api/trpc/project.create', { origin: 'https://cairn.example.com' }).isAllowed).toBe(
      true,
    );
    expect(check('POST', '/api/trpc/project.create', { origin: 'http://10.0.0.5:3000' }).isAllowed).toBe(
      true,
    );
    expect(
      check('POST', '/api/trpc/project.create', { referer: 'https://cairn.example.com/teams/t1?tab=a' })
        .isAllowed,
    ).toBe(true);
  });

  it('refuses a mutation another site makes the browser send', () => {
    expect(check('POST', '/api/trpc/project.create', { 'sec-fetch-site': 'cross-site' })).toEqual({
      isAllowed: false,
      reason: 'cross-site request (Sec-Fetch-Site: cross-site)',
    });
    // A sibling subdomain is same-site but not this portal.
    expect(check('POST', '/api/trpc/project.create', { 'sec-fetch-site': 'same-site' }).isAllowed).toBe(
      false,
    );
    expect(check('POST', '/api/trpc/project.create', { origin: 'https://evil.example.net' })).toEqual({
      isAllowed: false,
      reason: 'request from another origin (https://evil.example.net)',
    });
    expect(check('DELETE', '/api/audit', { referer: 'https://evil.example.net/page' }).isAllowed).toBe(false);
  });

  it('refuses an opaque or unparsable origin', () => {
    expect(check('POST', '/api/trpc/team.update', { origin: 'null' }).isAllowed).toBe(false);
    expect(check('POST', '/api/trpc/team.update', { referer: 'not a url' }).isAllowed).toBe(false);
  });

  it('does not accept a look-alike origin that only starts with the portal origin', () => {
    expect(
      check('POST', '/api/trpc/team.update', { origin: 'https://cairn.example.com.evil.net' }).isAllowed,
    ).toBe(false);
  });

  it('leaves reads alone, whatever their origin', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(check(method, '/api/trpc/project.list', { 'sec-fetch-site': 'cross-site' }).isAllowed).toBe(
        true,
      );
    }
  });

  it('exempts the MLflow API, whose bearer tokens a browser never sends by itself', () => {
    const crossSite = { 'sec-fetch-site': 'cross-site', origin: 'https://notebook.example.org' };
    expect(check('POST', '/api/2.0/mlflow/runs/log-batch', crossSite).isAllowed).toBe(true);
    expect(check('POST', '/ajax-api/2.0/mlflow/runs/create', crossSite).isAllowed).toBe(true);
  });

  it('lets clients that are not browsers through: they carry no victim cookie', () => {
    expect(check('POST', '/api/trpc/project.create', {}).isAllowed).toBe(true);
  });
});
