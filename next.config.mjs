/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WebAssembly packages are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'argon2',
    'postgres',
    'rate-limiter-flexible',
    'ioredis',
    'sharp',
    'file-type',
    'busboy',
    'nodemailer',
    '@aws-sdk/client-s3',
    '@aws-sdk/lib-storage',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // `npm test` typechecks the whole project once (`tsc --noEmit`); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // The custom server (server.ts) sets the security headers and CSP on every response.
};

export default nextConfig;
