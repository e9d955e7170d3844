// next-auth options: Credentials sign-in that creates a session row; the JWT cookie names that row.
import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getConfig } from '@/lib/config';
import { isAppError } from '@/lib/errors';
import { clientIpOf } from '@/lib/http/stamp';
import { signInInput } from '@/lib/schemas/users';
import { checkCredentials } from '@/lib/users/service';
import { createBrowserSession, revokeSession, SESSION_DAYS } from './sessions';
import { signInErrors } from './signInErrors';
import { limitedSignIn } from './signInLimits';

export function authOptions(): AuthOptions {
  const config = getConfig();
  return {
    secret: config.authSecret,
    useSecureCookies: config.secureCookies,
    session: { strategy: 'jwt', maxAge: SESSION_DAYS * 24 * 60 * 60 },
    pages: { signIn: '/login', error: '/login' },
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
            const session = await createBrowserSession(user.id);
            return { id: user.id, name: user.displayName, sessionId: session.id };
          } catch (e) {
            if (isAppError(e) && e.code === 'rate_limited') throw new Error(signInErrors.rateLimitedPrefix + e.retryAfter);
            if (isAppError(e) && e.code === 'unauthenticated') return null;
            throw e;
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
