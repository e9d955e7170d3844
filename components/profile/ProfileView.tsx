import Link from 'next/link';
import { Avatar } from '@/components/ui/Avatar';
import type { PublicUser } from '@/lib/users/shape';
import { MessageButton } from './MessageButton';
import styles from './ProfileView.module.scss';

const memberSince = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

export function ProfileView({ user, isMe }: { user: PublicUser; isMe: boolean }) {
  return (
    <section className={styles.profile} aria-label="Profile">
      <Avatar name={user.displayName} url={user.avatarUrl} seed={user.id} size={96} />
      <div className={styles.details}>
        <h1 className={styles.name}>
          <bdi>{user.displayName}</bdi>
        </h1>
        {/* Display names are not unique: the username is the one that says who this is. */}
        <div className={styles.handle}>@{user.username}</div>
        {user.bio ? <p className={styles.bio}>{user.bio}</p> : <p className={styles.noBio}>No bio yet.</p>}
        <div className={styles.meta}>
          <span>Member since {memberSince.format(new Date(user.createdAt))}</span>
          {user.online && <span className={styles.online}>● Online</span>}
          {isMe && <Link href="/settings">Edit profile</Link>}
        </div>
        {!isMe && (
          <div>
            <MessageButton userId={user.id} />
          </div>
        )}
      </div>
    </section>
  );
}
