// A configuration for unit tests that need one (rate limits, cookies), set as the process's own
// without reading the environment or writing a secret to disk.
import { parseEnv, type Config } from '@/lib/config';
import { setProcessSingleton } from '@/lib/singletons';

const authSecret = 'unit-test-secret-0123456789abcdefghij';

export function useTestConfig(env: Record<string, string> = {}): Config {
  const config: Config = { ...parseEnv({ LOG_LEVEL: 'silent', AUTH_SECRET: authSecret, ...env }), authSecret, authSecretSource: 'environment' };
  setProcessSingleton('config', config);
  setProcessSingleton('rateLimiters', undefined);
  return config;
}
