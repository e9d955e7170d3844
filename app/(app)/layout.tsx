import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { requireActor } from '@/lib/auth/current';
import { isOnline } from '@/lib/presence/registry';
import { toMe } from '@/lib/users/shape';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return <AppShell me={toMe(actor.user, await isOnline(actor.userId))}>{children}</AppShell>;
}
