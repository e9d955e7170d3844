// /manifest.webmanifest: what an installed Relay is called, where it opens, and its icons
// (PNGs drawn from app/icon.svg, see app/icons/[file]/route.ts).
import type { MetadataRoute } from 'next';

export default function manifest(): MetadataRoute.Manifest {
  return {
    name: 'Relay',
    short_name: 'Relay',
    description: 'Real-time messaging for small teams and communities.',
    id: '/chat',
    start_url: '/chat',
    scope: '/',
    display: 'standalone',
    // The light theme's page and accent (styles/globals.scss); the browser's own bar follows the viewport's theme colours.
    background_color: '#f6f7f9',
    theme_color: '#4f46e5',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
