// One-line structured logs on stdout. Callers pass facts, never secrets or request bodies.
import { getConfig } from './config';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof levels, 'silent'>;

function write(level: Level, msg: string, fields?: Record<string, unknown>) {
  const threshold = levels[getConfig().logLevel];
  if (levels[level] < threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write('debug', msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write('info', msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write('warn', msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write('error', msg, fields),
};

/**
 * An error as it may be logged: Drizzle puts the query's parameters (password hashes, token
 * hashes, message bodies) into its message, so they are cut off here, and the driver's cause kept.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const scrub = (text: string | undefined) => text?.replace(/\nparams:[\s\S]*?(?=\n    at |$)/, '\nparams: [redacted]');
  const cause = error.cause as { message?: string; code?: string } | undefined;
  return {
    name: error.name,
    message: scrub(error.message),
    ...(cause ? { cause: { message: cause.message, code: cause.code } } : {}),
    stack: scrub(error.stack),
  };
}
