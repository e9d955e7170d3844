import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/config';
import { addressKey, clientAddress, compileTrust, type ProxyTrust } from '@/lib/http/clientIp';

const key = (remote: string | undefined, xff: string | string[] | undefined, trust: ProxyTrust) => addressKey(clientAddress(remote, xff, compileTrust(trust)));

describe('client IP behind proxies', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(key('203.0.113.9', '198.51.100.1', { hops: 0 })).toBe('203.0.113.9');
  });

  it('takes the right-most hop a trusted proxy wrote, not the client-controlled left-most', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; our one proxy appended the address it saw.
    expect(key('10.0.0.2', '1.1.1.1, 198.51.100.7', { hops: 1 })).toBe('198.51.100.7');
    expect(key('10.0.0.2', ['1.1.1.1', '198.51.100.7'], { hops: 1 })).toBe('198.51.100.7');
    expect(key('10.0.0.2', '1.1.1.1, 198.51.100.7, 10.0.0.1', { hops: 2 })).toBe('198.51.100.7');
  });

  it('falls back to the left-most hop when there are fewer hops than trusted proxies', () => {
    expect(key('10.0.0.2', '198.51.100.7', { hops: 3 })).toBe('198.51.100.7');
    expect(key('10.0.0.2', undefined, { hops: 1 })).toBe('10.0.0.2');
  });

  it('walks past proxies in the trusted ranges only', () => {
    const trust = { cidrs: ['10.0.0.0/8', '::1/128'] };
    expect(key('10.0.0.2', '1.1.1.1, 198.51.100.7, 10.1.2.3', trust)).toBe('198.51.100.7');
    expect(key('::1', '198.51.100.7', trust)).toBe('198.51.100.7');
    // A peer outside the ranges is the client, whatever it claims.
    expect(key('198.51.100.8', '1.1.1.1', trust)).toBe('198.51.100.8');
    // IPv4-mapped IPv6 peers are matched as IPv4.
    expect(key('::ffff:10.0.0.2', '198.51.100.7', trust)).toBe('198.51.100.7');
  });

  it('stops at a hop that is not an address', () => {
    expect(key('10.0.0.2', '198.51.100.7, garbage', { hops: 2 })).toBe('10.0.0.2');
    expect(key('10.0.0.2', '0x7f.1', { hops: 1 })).toBe('10.0.0.2');
  });

  it('reads ports and brackets as proxies write them', () => {
    expect(key('10.0.0.2', '198.51.100.7:4711', { hops: 1 })).toBe('198.51.100.7');
    expect(key('10.0.0.2', '[2001:db8::1]:443', { hops: 1 })).toBe('2001:db8::/64');
  });

  it('keys IPv6 clients by their /64 and IPv4-mapped clients as IPv4', () => {
    expect(key('2001:db8:1:2:aaaa::1', undefined, { hops: 0 })).toBe('2001:db8:1:2::/64');
    expect(key('2001:db8:1:2:bbbb::9', undefined, { hops: 0 })).toBe('2001:db8:1:2::/64');
    expect(key('2001:db8:1:3::1', undefined, { hops: 0 })).toBe('2001:db8:1:3::/64');
    expect(key('::ffff:127.0.0.1', undefined, { hops: 0 })).toBe('127.0.0.1');
    expect(key(undefined, '1.1.1.1', { hops: 1 })).toBe('unknown');
  });
});

describe('TRUST_PROXY', () => {
  it('is a hop count, with true as 1 and false or unset as 0', () => {
    expect(parseEnv({}).trustProxy).toEqual({ hops: 0 });
    expect(parseEnv({ TRUST_PROXY: 'false' }).trustProxy).toEqual({ hops: 0 });
    expect(parseEnv({ TRUST_PROXY: 'true' }).trustProxy).toEqual({ hops: 1 });
    expect(parseEnv({ TRUST_PROXY: '1' }).trustProxy).toEqual({ hops: 1 });
    expect(parseEnv({ TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
  });

  it('or a comma-separated list of proxy CIDRs', () => {
    expect(parseEnv({ TRUST_PROXY: '10.0.0.0/8, ::1/128' }).trustProxy).toEqual({ cidrs: ['10.0.0.0/8', '::1/128'] });
    expect(() => parseEnv({ TRUST_PROXY: '10.0.0.0/8,proxy.local' })).toThrow(/TRUST_PROXY .*proxy\.local/);
    expect(() => parseEnv({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/);
  });
});
