// The environment, parsed once with zod. Nothing else reads process.env.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseRange, type ProxyTrust } from './http/clientIp';
import { peekProcessSingleton, setProcessSingleton } from './singletons';

const origin = z.url().transform((u) => new URL(u).origin);

// A hop count (`true` is 1, for compatibility; `false` is 0) or the address ranges of our proxies.
const trustProxy = z.string().transform((value, ctx): ProxyTrust => {
  const v = value.trim().toLowerCase();
  if (['false', 'off', 'no'].includes(v)) return { hops: 0 };
  if (['true', 'on', 'yes'].includes(v)) return { hops: 1 };
  if (/^\d{1,2}$/.test(v)) return { hops: Number(v) };
  const cidrs = v
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const bad = cidrs.find((c) => {
    try {
      parseRange(c);
      return false;
    } catch {
      return true;
    }
  });
  if (cidrs.length === 0 || bad !== undefined) {
    ctx.addIssue({ code: 'custom', message: `must be a hop count or comma-separated proxy CIDRs${bad ? ` (not one: ${bad})` : ''}` });
    return z.NEVER;
  }
  return { cidrs };
});

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  APP_URL: origin.optional(),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(origin)),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  PRESENCE_TTL_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
  DATA_DIR: z.string().min(1).default('./data'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TRUST_PROXY: trustProxy.default({ hops: 0 }),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  RATE_LIMIT_SIGNIN_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_SIGNIN_IP_PER_MINUTE: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_SIGNIN_FAILURES_IP_PER_15MIN: z.coerce.number().int().positive().default(50),
  RATE_LIMIT_SIGNIN_FAILURES_USERNAME_PER_15MIN: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_REGISTER_PER_HOUR: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_MESSAGES_PER_10S: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_CONVERSATIONS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  RATE_LIMIT_TOKENS_PER_MINUTE: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().positive().default(120),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  SOCKET_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  RATE_LIMIT_HANDSHAKES_PER_MINUTE: z.coerce.number().int().positive().default(60),
  CREDENTIAL_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86400).default(3600),
  INSTANCE_NAME: z.string().trim().min(1).max(64).default('Relay'),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(Number.MAX_SAFE_INTEGER)
    .default(25 * 1024 * 1024),
  RATE_LIMIT_UPLOADS_PER_MINUTE: z.coerce.number().int().positive().default(30),
  FILE_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86400).default(3600),
  UPLOAD_TTL_HOURS: z.coerce
    .number()
    .min(0.001)
    .max(24 * 365)
    .default(24),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).optional(),
  VAPID_PUBLIC_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{87}$/, 'must be an uncompressed P-256 public key, base64url (87 characters)')
    .optional(),
  VAPID_PRIVATE_KEY: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'must be a P-256 private key, base64url (43 characters)')
    .optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:.+@.+|https:\/\/.+)$/, 'must be a mailto: or https: URL')
    .optional(),
  NOTIFICATIONS: z.enum(['on', 'off']).default('on'),
  PUSH_ALLOW_INSECURE_ENDPOINTS: z.enum(['true', 'false']).default('false'),
  NOTIFY_COALESCE_SECONDS: z.coerce.number().min(0).max(300).default(3),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  EMAIL_FROM: z.string().trim().min(3).max(200).optional(),
  EMAIL_NOTIFY_AFTER_MINUTES: z.coerce
    .number()
    .min(0.001)
    .max(7 * 24 * 60)
    .default(10),
  EMAIL_SWEEP_SECONDS: z.coerce.number().min(0.1).max(3600).default(30),
  RATE_LIMIT_EMAILS_PER_HOUR: z.coerce.number().int().positive().default(10),
});

export type Config = {
  dev: boolean;
  port: number;
  host: string;
  /** The public origin when configured; else derived from each request's Host. */
  appUrl: string | undefined;
  allowedOrigins: string[];
  databaseUrl: string | undefined;
  /** Several processes share events and rate limits through Redis when set. */
  redisUrl: string | undefined;
  /** With Redis: how long a process's presence entries outlive it if it dies. */
  presenceTtlMs: number;
  dataDir: string;
  authSecret: string;
  /** Whether the secret was generated on this start (so the log can say so, never what it is). */
  authSecretSource: 'environment' | 'generated' | 'data-dir';
  secureCookies: boolean;
  /** Which X-Forwarded-For hops are our own proxies (see lib/http/clientIp.ts). */
  trustProxy: ProxyTrust;
  rateLimits: {
    enabled: boolean;
    /** Per username and client IP. */
    signInPerMinute: number;
    /** Every attempt from one client IP, whatever the username; counted before any hashing. */
    signInPerIpPerMinute: number;
    /** Failed sign-ins from one client IP across all usernames, per 15 minutes. */
    signInFailuresPerIp: number;
    /** Failed sign-ins for one username from anywhere, per 15 minutes, before it is locked for a while. */
    signInFailuresPerUsername: number;
    registerPerHour: number;
    messagesPer10s: number;
    conversationsPerMinute: number;
    tokensPerMinute: number;
    writesPerMinute: number;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** How often every process re-checks its sockets' sessions and tokens (a row gone without its revocation event). */
  socketRecheckMs: number;
  /** Socket.IO handshakes a minute per client IP (a rate limit: RATE_LIMITS=off turns it off too). */
  handshakesPerMinute: number;
  /** How often expired sessions and tokens are swept. */
  credentialSweepMs: number;
  instanceName: string;
  files: {
    /** The largest upload, enforced while it streams. */
    maxUploadBytes: number;
    uploadsPerMinute: number;
    /** How often unattached uploads and the files of deleted messages and avatars are removed. */
    sweepMs: number;
    /** How long an upload may wait to be attached to a message. */
    uploadTtlMs: number;
    /** S3-compatible object storage when a bucket is named; else local disk under DATA_DIR/files. */
    s3:
      | {
          bucket: string;
          endpoint: string | undefined;
          region: string;
          credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
          forcePathStyle: boolean;
        }
      | undefined;
  };
  notifications: {
    /** Off: no notification of any kind is decided or sent (badges and unread counts still work). */
    enabled: boolean;
    /** A burst of messages in one conversation within this is one notification per person. */
    coalesceMs: number;
    /** VAPID keys from the environment; else generated once and kept in DATA_DIR (lib/notifications/vapid.ts). */
    vapidKeys: { publicKey: string; privateKey: string } | undefined;
    /** Who runs this server, for push services that need to reach them (a mailto: or https: URL). */
    vapidSubject: string;
    /** Accept http:// and private-address push endpoints (tests against a local push service). */
    allowInsecureEndpoints: boolean;
  };
  /** Email, when SMTP_URL is set: links are built from APP_URL (never from a request's Host). */
  email:
    | {
        smtpUrl: string;
        from: string;
        /** How long a notified message stays unread before the missed-messages email goes. */
        notifyAfterMs: number;
        /** How often owed emails are looked for. */
        sweepMs: number;
        /** Emails one person may cause (verification, reset requests) per hour. */
        perHour: number;
      }
    | undefined;
};

export class ConfigError extends Error {}

/** Parses an environment; throws ConfigError with a one-line message naming the variable. */
export function parseEnv(env: Record<string, string | undefined>): Omit<Config, 'authSecret' | 'authSecretSource'> & { authSecret?: string } {
  // An empty variable (`DATABASE_URL=` in a .env file) means unset.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${String(issue.path[0])} ${issue.message}`);
  }
  const e = result.data;
  // Each process would generate its own secret, and a session made on one would be refused by the next.
  if ((e.S3_ACCESS_KEY_ID === undefined) !== (e.S3_SECRET_ACCESS_KEY === undefined)) {
    throw new ConfigError('Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  }
  if ((e.VAPID_PUBLIC_KEY === undefined) !== (e.VAPID_PRIVATE_KEY === undefined)) {
    throw new ConfigError('Invalid configuration: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY go together');
  }
  // A link in an email must name this server; the Host of whatever request caused it could name another.
  if (e.SMTP_URL && !e.APP_URL) throw new ConfigError('Invalid configuration: SMTP_URL needs APP_URL (the links in emails are built from it)');
  if (e.NODE_ENV === 'production' && !e.AUTH_SECRET && (e.DATABASE_URL || e.REDIS_URL)) {
    throw new ConfigError('Invalid configuration: AUTH_SECRET must be set (32 characters or more) in production with DATABASE_URL or REDIS_URL');
  }
  return {
    dev: e.NODE_ENV === 'development',
    port: e.PORT,
    host: e.HOST,
    appUrl: e.APP_URL,
    allowedOrigins: e.ALLOWED_ORIGINS,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    presenceTtlMs: e.PRESENCE_TTL_SECONDS * 1000,
    dataDir: path.resolve(e.DATA_DIR),
    authSecret: e.AUTH_SECRET,
    secureCookies: e.APP_URL?.startsWith('https://') ?? false,
    trustProxy: e.TRUST_PROXY,
    rateLimits: {
      enabled: e.RATE_LIMITS === 'on',
      signInPerMinute: e.RATE_LIMIT_SIGNIN_PER_MINUTE,
      signInPerIpPerMinute: e.RATE_LIMIT_SIGNIN_IP_PER_MINUTE,
      signInFailuresPerIp: e.RATE_LIMIT_SIGNIN_FAILURES_IP_PER_15MIN,
      signInFailuresPerUsername: e.RATE_LIMIT_SIGNIN_FAILURES_USERNAME_PER_15MIN,
      registerPerHour: e.RATE_LIMIT_REGISTER_PER_HOUR,
      messagesPer10s: e.RATE_LIMIT_MESSAGES_PER_10S,
      conversationsPerMinute: e.RATE_LIMIT_CONVERSATIONS_PER_MINUTE,
      tokensPerMinute: e.RATE_LIMIT_TOKENS_PER_MINUTE,
      writesPerMinute: e.RATE_LIMIT_WRITES_PER_MINUTE,
    },
    logLevel: e.LOG_LEVEL,
    socketRecheckMs: e.SOCKET_RECHECK_SECONDS * 1000,
    handshakesPerMinute: e.RATE_LIMIT_HANDSHAKES_PER_MINUTE,
    credentialSweepMs: e.CREDENTIAL_SWEEP_SECONDS * 1000,
    instanceName: e.INSTANCE_NAME,
    files: {
      maxUploadBytes: e.MAX_UPLOAD_BYTES,
      uploadsPerMinute: e.RATE_LIMIT_UPLOADS_PER_MINUTE,
      sweepMs: e.FILE_SWEEP_SECONDS * 1000,
      uploadTtlMs: e.UPLOAD_TTL_HOURS * 3600 * 1000,
      s3: e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            endpoint: e.S3_ENDPOINT,
            region: e.S3_REGION,
            credentials:
              e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
            // Most S3-compatible servers (MinIO, Garage, s3rver) want path-style URLs.
            forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === 'true' : e.S3_ENDPOINT !== undefined,
          }
        : undefined,
    },
    notifications: {
      enabled: e.NOTIFICATIONS === 'on',
      coalesceMs: e.NOTIFY_COALESCE_SECONDS * 1000,
      vapidKeys: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : undefined,
      vapidSubject: e.VAPID_SUBJECT ?? (e.APP_URL?.startsWith('https://') ? e.APP_URL : 'mailto:postmaster@localhost'),
      allowInsecureEndpoints: e.PUSH_ALLOW_INSECURE_ENDPOINTS === 'true',
    },
    email: e.SMTP_URL
      ? {
          smtpUrl: e.SMTP_URL,
          from: e.EMAIL_FROM ?? `${e.INSTANCE_NAME} <no-reply@${new URL(e.APP_URL!).hostname}>`,
          notifyAfterMs: e.EMAIL_NOTIFY_AFTER_MINUTES * 60_000,
          sweepMs: e.EMAIL_SWEEP_SECONDS * 1000,
          perHour: e.RATE_LIMIT_EMAILS_PER_HOUR,
        }
      : undefined,
  };
}

/**
 * The size of libuv's thread pool, as libuv itself reads UV_THREADPOOL_SIZE (Node's variable, not
 * ours: it takes effect only from the real environment, before the pool's first use): 4 unset,
 * at least 1, at most 1024. argon2 runs on this pool (lib/auth/password.ts).
 */
export function libuvThreadPoolSize(env: Record<string, string | undefined> = process.env): number {
  const value = env.UV_THREADPOOL_SIZE;
  if (value === undefined) return 4;
  const n = Number.parseInt(value, 10);
  return Math.min(1024, Math.max(1, Number.isNaN(n) ? 1 : n));
}

/** Reads the secret kept in the data directory, or creates one there (mode 0600). */
function persistedSecret(dataDir: string): { secret: string; created: boolean } {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length < 32) {
      throw new ConfigError(`Invalid configuration: ${file} holds a secret shorter than 32 characters (set AUTH_SECRET, or delete the file)`);
    }
    return { secret, created: false };
  }
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { secret, created: true };
}

/** Loads the configuration once per process; both server.ts and the Next bundle share it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const loaded = peekProcessSingleton<Config>('config');
  if (loaded) return loaded;
  const parsed = parseEnv(env);
  let authSecret = parsed.authSecret;
  let authSecretSource: Config['authSecretSource'] = 'environment';
  if (!authSecret) {
    const kept = persistedSecret(parsed.dataDir);
    authSecret = kept.secret;
    authSecretSource = kept.created ? 'generated' : 'data-dir';
  }
  const config: Config = { ...parsed, authSecret, authSecretSource };
  setProcessSingleton('config', config);
  return config;
}

export function getConfig(): Config {
  return peekProcessSingleton<Config>('config') ?? loadConfig();
}
