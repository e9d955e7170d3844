// Logout revokes exactly what made the request: its session, or its personal access token.
import { revokeToken } from '@/lib/tokens/service';
import type { Actor } from './actor';
import { revokeSession } from './sessions';

export async function logout(actor: Actor): Promise<void> {
  if (actor.sessionId) await revokeSession(actor.sessionId);
  if (actor.tokenId) await revokeToken(actor, actor.tokenId);
}
