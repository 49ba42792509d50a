import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import net from 'node:net';
import { nonPublicAddressKind } from '@cairn/core/network-address';

/** The URL leads to an address the worker must not reach: not worth retrying. */
export class WebhookAddressRefused extends Error {
  override readonly name = 'WebhookAddressRefused';
}

export interface WebhookPost {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** Lets deliveries reach loopback and private networks (an on-premises receiver); off by default. */
  allowsPrivateAddresses: boolean;
}

function refusal(host: string, address: string, kind: string) {
  const where = host === address ? address : `${host} resolves to ${address}`;
  return new WebhookAddressRefused(
    `Refused: ${where}, ${kind}. Webhooks go to public addresses only (WEBHOOK_ALLOW_PRIVATE_ADDRESSES=true allows private ones)`,
  );
}

/**
 * Resolves like the system resolver, then refuses the connection if any address is not public. The
 * check runs on the very addresses the socket connects to, so a name cannot resolve to a public
 * address for a check and a private one for the request.
 */
function guardedLookup(host: string): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      for (const entry of addresses) {
        const kind = nonPublicAddressKind(entry.address);
        if (kind) {
          callback(refusal(host, entry.address, kind), '', 0);
          return;
        }
      }
      if (options.all) {
        (callback as unknown as (error: null, all: dns.LookupAddress[]) => void)(null, addresses);
        return;
      }
      const [first] = addresses;
      if (!first) callback(new Error(`${hostname} has no address`), '', 0);
      else callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs a webhook body and answers the receiver's HTTP status; the answer's body is discarded.
 * Redirects are not followed. Throws WebhookAddressRefused for a non-public address (unless
 * allowed), and network errors and timeouts as they come.
 */
export function postWebhook(post: WebhookPost): Promise<number> {
  const { url } = post;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!post.allowsPrivateAddresses && net.isIP(host) !== 0) {
    const kind = nonPublicAddressKind(host);
    if (kind) return Promise.reject(refusal(host, host, kind));
  }
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<number>((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: { ...post.headers, 'content-length': Buffer.byteLength(post.body) },
        timeout: post.timeoutMs,
        ...(post.allowsPrivateAddresses ? {} : { lookup: guardedLookup(host) }),
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('timeout', () => request.destroy(new WebhookTimeout(post.timeoutMs)));
    request.on('error', reject);
    request.end(post.body);
  });
}

export class WebhookTimeout extends Error {
  override readonly name = 'WebhookTimeout';
  constructor(readonly timeoutMs: number) {
    super(`No answer within ${timeoutMs / 1000} seconds`);
  }
}
