// GET /api/server, asked once per tab: the limits the composer and the avatar form check before uploading.
import 'client-only';
import type { ServerInfo } from '@/lib/schemas/responses';
import { api } from './api';

let info: Promise<ServerInfo> | null = null;

/** The server's description; a failed request is forgotten so the next caller asks again. */
export function serverInfo(): Promise<ServerInfo> {
  info ??= api<ServerInfo>('/api/server').catch((e: unknown) => {
    info = null;
    throw e;
  });
  return info;
}
