// What the server keeps on each socket: who it is, set once the handshake is authenticated.
import type { Actor } from '@/lib/auth/actor';

export type SocketData = { actor: Actor };
