import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ProfileView } from '@/components/profile/ProfileView';
import { requireActor } from '@/lib/auth/current';
import { isAppError } from '@/lib/errors';
import { id } from '@/lib/schemas/common';
import { getUser } from '@/lib/users/service';
import styles from '@/components/ui/Page.module.scss';

export const metadata: Metadata = { title: 'Profile' };

async function findUser(userId: string) {
  if (!id.safeParse(userId).success) return null;
  try {
    return await getUser(userId);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found') return null;
    throw e;
  }
}

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const user = await findUser((await params).id);
  if (!user) notFound();
  return (
    <div className={styles.page}>
      <div className={styles.card}>
        <ProfileView user={user} isMe={user.id === actor.userId} />
      </div>
    </div>
  );
}
