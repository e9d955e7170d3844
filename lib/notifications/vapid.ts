// The VAPID key pair this server signs its Web Push requests with: from VAPID_PUBLIC_KEY and
// VAPID_PRIVATE_KEY, or generated once and kept in DATA_DIR/vapid-keys.json (mode 0600), like the
// auth secret. Browsers subscribe with the public key; a new pair would orphan every subscription.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webPush from 'web-push';
import { ConfigError, getConfig } from '@/lib/config';
import { processSingleton } from '@/lib/singletons';

export type VapidKeys = { publicKey: string; privateKey: string };

function keptKeys(dataDir: string): VapidKeys {
  const file = path.join(dataDir, 'vapid-keys.json');
  const read = (): VapidKeys => {
    const keys = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
    if (typeof keys.publicKey !== 'string' || typeof keys.privateKey !== 'string') {
      throw new ConfigError(`Invalid configuration: ${file} does not hold a VAPID key pair (set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or delete the file)`);
    }
    return { publicKey: keys.publicKey, privateKey: keys.privateKey };
  };
  if (existsSync(file)) return read();
  mkdirSync(dataDir, { recursive: true });
  const keys = webPush.generateVAPIDKeys();
  try {
    writeFileSync(file, JSON.stringify(keys) + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return keys;
  } catch (error) {
    // Another process sharing DATA_DIR wrote its pair first: everyone uses that one.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return read();
    throw error;
  }
}

export function vapidKeys(): VapidKeys {
  return processSingleton('vapidKeys', () => getConfig().notifications.vapidKeys ?? keptKeys(getConfig().dataDir));
}
