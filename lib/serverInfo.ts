// What a client reads before it sends: this instance's name, version and limits.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from '@/lib/config';
import { AVATAR_BYTES } from '@/lib/http/bodyLimit';
import { vapidKeys } from '@/lib/notifications/vapid';
import { MAX_ATTACHMENTS, MAX_BODY, MAX_GROUP_MEMBERS } from '@/lib/schemas/conversations';
import type { ServerInfo } from '@/lib/schemas/responses';
import { processSingleton } from '@/lib/singletons';

const version = () =>
  processSingleton('version', () => (JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { version: string }).version);

export function serverInfo(): ServerInfo {
  const config = getConfig();
  return {
    name: config.instanceName,
    version: version(),
    // Open until registration modes exist (the community issue).
    registration: 'open',
    limits: {
      uploadBytes: config.files.maxUploadBytes,
      avatarBytes: AVATAR_BYTES,
      attachmentsPerMessage: MAX_ATTACHMENTS,
      messageLength: MAX_BODY,
      groupMembers: MAX_GROUP_MEMBERS,
    },
    push: config.notifications.enabled ? { vapidPublicKey: vapidKeys().publicKey } : null,
    email: config.email !== undefined,
  };
}
