// ESLint (flat config): Next's core-web-vitals and TypeScript rules, and the boundary between
// browser and server code: the client never imports the database, services or sockets' server
// side, and the server never imports browser modules. `npm run lint` (part of `npm test`).
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const serverOnly = [
  '@/db/*',
  '@/lib/*/service',
  '@/lib/realtime/*',
  '@/lib/auth/*',
  '@/lib/presence/*',
  '@/lib/events/*',
  '@/lib/config',
  '@/lib/redis',
  '@/lib/rateLimit',
  '@/lib/http/*',
  '!@/lib/auth/signInErrors',
];

const config = [
  { ignores: ['.next/**', 'node_modules/**', 'data/**', 'tests/.results/**', 'bench/results/**', 'examples/api-types.ts', 'next-env.d.ts'] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Signing out, a revoked session and a deleted account load the next page afresh on purpose:
      // nothing of the previous person's client state may survive in memory.
      '@next/next/no-location-assign-relative-destination': 'off',
    },
  },
  {
    // Browser code: components and lib/client may import types from the server, never its modules.
    files: ['components/**/*.{ts,tsx}', 'lib/client/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: serverOnly, allowTypeImports: true, message: 'Browser code reaches the server over the API; import only types from server modules.' },
          ],
        },
      ],
    },
  },
  {
    // Server code never imports browser modules.
    files: ['lib/**/*.ts', 'db/**/*.ts', 'server.ts', 'app/api/**/*.ts'],
    ignores: ['lib/client/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/lib/client/*', '@/components/*'], message: 'Server code must not import browser modules.' }] },
      ],
    },
  },
  {
    // Tests, benches and scripts may use `any` for the bodies they inspect.
    // Playwright's fixtures call their callback `use`, which is not React's.
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'examples/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
