// next-auth options: Credentials sign-in that creates a session row; the JWT cookie names that row.
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getConfig } from '@/lib/config';
import { asAppError, isAppError } from '@/lib/errors';
import { clientIpOf } from '@/lib/http/stamp';
import { describeError, log } from '@/lib/log';
import { signInInput } from '@/lib/schemas/users';
import { checkCredentials } from '@/lib/users/service';
import { createBrowserSession, revokeSession, SESSION_DAYS } from './sessions';
import { signInErrors } from './signInErrors';
import { limitedSignIn } from './signInLimits';

/**
 * What authorize() throws for a failure other than a wrong password. next-auth copies the
 * message into the URL it answers with, so it is one of the fixed codes, and the cause is logged.
 */
function signInFailure(caught: unknown): Error {
  const error = asAppError(caught);
  if (isAppError(error) && error.code === 'rate_limited') return new Error(signInErrors.rateLimitedPrefix + error.retryAfter);
  if (isAppError(error) && error.code === 'unavailable') {
    log.warn('browser sign-in unavailable', { error: describeError(caught) });
    return new Error(signInErrors.unavailable);
  }
  log.error('browser sign-in failed', { error: describeError(caught) });
  return new Error(signInErrors.internal);
}

// next-auth's own warnings and errors, in our log; a warning once per process.
const warned = new Set<string>();
const logger: AuthOptions['logger'] = {
  error: (code, metadata) => log.error('next-auth error', { code, error: describeError(metadata instanceof Error ? metadata : metadata.error) }),
  warn: (code) => {
    if (!warned.has(code)) log.warn('next-auth warning', { code });
    warned.add(code);
  },
  debug: () => {},
};

export function authOptions(): AuthOptions {
  const config = getConfig();
  return {
    secret: config.authSecret,
    useSecureCookies: config.secureCookies,
    session: { strategy: 'jwt', maxAge: SESSION_DAYS * 24 * 60 * 60 },
    pages: { signIn: '/login', error: '/login' },
    logger,
    providers: [
      CredentialsProvider({
        name: 'Username and password',
        credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
        async authorize(credentials, req) {
          const input = signInInput.safeParse(credentials);
          if (!input.success) return null;
          try {
            const ip = clientIpOf((req.headers ?? {}) as Record<string, string>);
            const { value: user } = await limitedSignIn(input.data.username, ip, () => checkCredentials(input.data.username, input.data.password));
            // The user as the password was checked: a password change in between refuses the session.
            const session = await createBrowserSession(user);
            return { id: user.id, name: user.displayName, sessionId: session.id };
          } catch (e) {
            if (isAppError(e) && e.code === 'unauthenticated') return null;
            throw signInFailure(e);
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.sid = (user as { sessionId?: string }).sessionId;
        return token;
      },
      session({ session, token }) {
        return { ...session, userId: token.sub };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await revokeSession(token.sid);
      },
    },
  };
}
