// Who is online: the number of live sockets per user in this process. The realtime layer
// registers sockets here; until a user has one, they are offline.
const store = globalThis as unknown as { __chatPresence?: Map<string, number> };

function counts(): Map<string, number> {
  return (store.__chatPresence ??= new Map());
}

export function isOnline(userId: string): boolean {
  return (counts().get(userId) ?? 0) > 0;
}

/** Returns true when this socket made the user go online. */
export function socketConnected(userId: string): boolean {
  const n = (counts().get(userId) ?? 0) + 1;
  counts().set(userId, n);
  return n === 1;
}

/** Returns true when this socket was the user's last. */
export function socketDisconnected(userId: string): boolean {
  const n = (counts().get(userId) ?? 1) - 1;
  if (n <= 0) counts().delete(userId);
  else counts().set(userId, n);
  return n <= 0;
}
