'use client';

import dynamic from 'next/dynamic';

// The reference renders in the browser only.
export const ApiReferenceLoader = dynamic(() => import('./ApiReference'), {
  ssr: false,
  loading: () => <p style={{ padding: 24 }}>Loading the API reference…</p>,
});
