// Who is making a request: a browser session cookie or a bearer token, re-checked against its row.
import { z } from 'zod';
import { errors } from '@/lib/errors';
import type { Account } from '@/lib/users/rows';
import { sessionIdFromCookie } from './cookies';
import { findPersonalToken } from './personalTokens';
import { tokenPrefix } from './secrets';
import { findApiSession, findBrowserSession } from './sessions';

export type Actor = {
  userId: string;
  /** The account, as read with the credential (never its password hash). */
  user: Account;
  via: 'cookie' | 'bearer';
  /** The session that made the request (browser or script sign-in), if any. */
  sessionId?: string;
  /** The personal access token that made the request, if any. */
  tokenId?: string;
  /** When that session or token stops working (null: a token without expiry); a socket goes then. */
  expiresAt: Date | null;
};

const uuid = z.uuid();

export async function authenticate(headers: Headers): Promise<Actor | null> {
  const authorization = headers.get('authorization');
  if (authorization !== null) return authenticateBearer(authorization.replace(/^Bearer\s+/i, ''));
  const sid = await sessionIdFromCookie(headers.get('cookie'));
  if (!sid || !uuid.safeParse(sid).success) return null;
  const live = await findBrowserSession(sid);
  return live ? { userId: live.user.id, user: live.user, via: 'cookie', sessionId: live.sessionId, expiresAt: live.expiresAt } : null;
}

export async function authenticateBearer(secret: string): Promise<Actor | null> {
  if (secret.startsWith(tokenPrefix.session)) {
    const live = await findApiSession(secret);
    return live ? { userId: live.user.id, user: live.user, via: 'bearer', sessionId: live.sessionId, expiresAt: live.expiresAt } : null;
  }
  if (secret.startsWith(tokenPrefix.personal)) {
    const found = await findPersonalToken(secret);
    return found ? { userId: found.user.id, user: found.user, via: 'bearer', tokenId: found.tokenId, expiresAt: found.expiresAt } : null;
  }
  return null;
}

/**
 * A personal access token works for scripts, but may not do what would let a leaked one take the
 * account for good: mint more tokens, change the password, delete the account.
 */
export function refusePersonalToken(actor: Actor, what: string): void {
  if (actor.tokenId) throw errors.forbidden(`A personal access token cannot ${what}; sign in with your password.`);
}
