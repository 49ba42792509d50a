import { describe, expect, it } from 'vitest';
import { requestMetaFromHeaders } from './request-meta';

const newId = () => 'generated-id';

describe('requestMetaFromHeaders', () => {
  it('takes the first forwarded hop, the user agent and a well-formed request id', () => {
    const headers = new Headers({
      'x-forwarded-for': '203.0.113.7, 10.0.0.1',
      'user-agent': 'Mozilla/5.0',
      'x-request-id': 'req-123',
    });
    expect(requestMetaFromHeaders(headers, newId)).toEqual({
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      requestId: 'req-123',
    });
  });

  it('falls back to x-real-ip and generates a request id', () => {
    const headers = new Headers({ 'x-real-ip': '198.51.100.2' });
    expect(requestMetaFromHeaders(headers, newId)).toEqual({
      ip: '198.51.100.2',
      userAgent: null,
      requestId: 'generated-id',
    });
  });

  it('refuses a request id that is not an id', () => {
    const headers = new Headers({ 'x-request-id': 'drop table; <script>' });
    expect(requestMetaFromHeaders(headers, newId).requestId).toBe('generated-id');
  });

  it('caps an oversized user agent', () => {
    const headers = new Headers({ 'user-agent': 'x'.repeat(5000) });
    expect(requestMetaFromHeaders(headers, newId).userAgent).toHaveLength(512);
  });
});
