import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv } from '@/lib/config';

describe('configuration', () => {
  it('has working defaults for a bare machine', () => {
    const config = parseEnv({});
    expect(config).toMatchObject({ port: 3000, host: '0.0.0.0', databaseUrl: undefined, secureCookies: false, trustProxy: { hops: 0 } });
    expect(config.rateLimits).toEqual({
      enabled: true,
      signInPerMinute: 10,
      signInPerIpPerMinute: 30,
      signInFailuresPerIp: 50,
      signInFailuresPerUsername: 20,
      registerPerHour: 30,
      messagesPer10s: 30,
      conversationsPerMinute: 30,
      tokensPerMinute: 10,
      writesPerMinute: 120,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => parseEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ RATE_LIMITS: 'maybe' })).toThrow(/RATE_LIMITS/);
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });

  it('uses secure cookies exactly when the public URL is https', () => {
    expect(parseEnv({ APP_URL: 'https://chat.example.com/' })).toMatchObject({ appUrl: 'https://chat.example.com', secureCookies: true });
    expect(parseEnv({ APP_URL: 'http://localhost:3000' }).secureCookies).toBe(false);
  });

  it('refuses to start in production on a shared database or Redis without AUTH_SECRET', () => {
    const secret = 'x'.repeat(32);
    expect(() => parseEnv({ DATABASE_URL: 'postgres://db/relay' })).toThrow(/^Invalid configuration: AUTH_SECRET must be set/);
    expect(() => parseEnv({ REDIS_URL: 'redis://cache' })).toThrow(/AUTH_SECRET/);
    expect(parseEnv({ DATABASE_URL: 'postgres://db/relay', AUTH_SECRET: secret }).authSecret).toBe(secret);
    // Development, and a lone process on embedded PGlite, may keep a generated secret.
    expect(() => parseEnv({ NODE_ENV: 'development', DATABASE_URL: 'postgres://db/relay' })).not.toThrow();
    expect(() => parseEnv({})).not.toThrow();
  });

  it('turns every rate limit off with RATE_LIMITS=off', () => {
    expect(parseEnv({ RATE_LIMITS: 'off' }).rateLimits.enabled).toBe(false);
  });
});
