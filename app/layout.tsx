import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import '@/styles/globals.scss';

// Every page is rendered per request, so each carries the nonce of its Content-Security-Policy.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Relay', template: '%s · Relay' },
  description: 'Real-time messaging for small teams and communities.',
};

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f6f7f9' },
    { media: '(prefers-color-scheme: dark)', color: '#0f1115' },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
