import type { Metadata } from 'next';
import { ApiReferenceLoader } from '@/components/docs/ApiReferenceLoader';
import { GettingStarted } from '@/components/docs/GettingStarted';

export const metadata: Metadata = { title: 'API reference' };

export default function DocsPage() {
  return (
    <main>
      <GettingStarted />
      <ApiReferenceLoader />
    </main>
  );
}
