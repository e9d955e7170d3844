import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/AppShell';
import { requireActor } from '@/lib/auth/current';
import { isOnline } from '@/lib/users/presence';
import { toMe } from '@/lib/users/shape';

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return <AppShell me={toMe(actor.user, await isOnline(actor.userId))}>{children}</AppShell>;
}
