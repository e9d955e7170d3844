'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError } from '@/lib/client/api';
import type { Conversation, Member } from '@/lib/conversations/shape';
import type { Page } from '@/lib/schemas/common';
import { title as titleSchema } from '@/lib/schemas/conversations';
import type { PublicUser } from '@/lib/users/shape';
import { useChatState, useChatStore } from './ChatProvider';
import styles from './GroupDetails.module.scss';

const roleLabel = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

/** A group's title, members and roles, with the actions the viewer's role allows. */
export function GroupDetails({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const store = useChatStore();
  const { meId } = useChatState();
  const router = useRouter();
  const me = conversation.members.find((m) => m.user.id === meId);
  const manager = me?.role === 'owner' || me?.role === 'admin';
  const [title, setTitle] = useState(conversation.title ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PublicUser[]>([]);

  useEffect(() => setTitle(conversation.title ?? ''), [conversation.title]);

  useEffect(() => {
    if (!manager || !q.trim()) return setFound([]);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<Page<PublicUser>>(`/api/users?limit=10&q=${encodeURIComponent(q.trim())}`, { signal: controller.signal })
        .then((page) => setFound(page.items.filter((u) => !conversation.members.some((m) => m.user.id === u.id))))
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, manager, conversation.members]);

  async function act(run: () => Promise<unknown>) {
    setBusy(true);
    setError('');
    try {
      const result = (await run()) as { conversation?: Conversation } | undefined;
      if (result?.conversation) store.upsert(result.conversation);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  }

  const base = `/api/conversations/${conversation.id}`;
  const rename = (event: FormEvent) => {
    event.preventDefault();
    const checked = titleSchema.safeParse(title);
    if (!checked.success) return setError(checked.error.issues[0].message);
    void act(() => api(base, { method: 'PATCH', body: { title: checked.data } }));
  };
  const add = (user: PublicUser) => act(() => api(`${base}/members`, { method: 'POST', body: { userIds: [user.id] } }).then((r) => (setQ(''), r)));
  const setRole = (m: Member, role: 'admin' | 'member') => act(() => api(`${base}/members/${m.user.id}`, { method: 'PATCH', body: { role } }));
  const remove = (m: Member) => {
    if (window.confirm(`Remove ${m.user.displayName} from the group?`)) void act(() => api(`${base}/members/${m.user.id}`, { method: 'DELETE' }));
  };
  const leave = () => {
    if (!window.confirm('Leave this group?')) return;
    void act(async () => {
      await api(`${base}/members/${meId}`, { method: 'DELETE' });
      router.push('/chat');
    });
  };
  const canRemove = (m: Member) => m.user.id !== meId && m.role !== 'owner' && (me?.role === 'owner' || (me?.role === 'admin' && m.role === 'member'));

  return (
    <aside className={styles.panel} aria-label="Group details">
      <div className={styles.head}>
        <h2>Details</h2>
        <Button variant="ghost" size="small" onClick={onClose} aria-label="Close details">
          ✕
        </Button>
      </div>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {manager && (
        <form className={styles.row} onSubmit={rename}>
          <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} />
          <Button type="submit" variant="secondary" busy={busy} disabled={title.trim() === conversation.title}>
            Rename
          </Button>
        </form>
      )}
      <section className={styles.section}>
        <h3 className={styles.sectionTitle}>{conversation.members.length} members</h3>
        <ul className={styles.members} aria-label="Members">
          {conversation.members.map((m) => (
            <li key={m.user.id} className={styles.member}>
              <Avatar name={m.user.displayName} url={m.user.avatarUrl} seed={m.user.id} size={32} />
              <span className={styles.memberName}>
                <span>
                  {m.user.displayName}
                  {m.user.id === meId && ' (you)'}
                </span>
                <span className={styles.role}>{roleLabel[m.role]}</span>
              </span>
              <span className={styles.memberActions}>
                {me?.role === 'owner' && m.user.id !== meId && (
                  <Button variant="ghost" size="small" busy={busy} onClick={() => void setRole(m, m.role === 'admin' ? 'member' : 'admin')}>
                    {m.role === 'admin' ? 'Demote' : 'Make admin'}
                  </Button>
                )}
                {canRemove(m) && (
                  <Button variant="ghost" size="small" busy={busy} onClick={() => remove(m)} aria-label={`Remove ${m.user.displayName}`}>
                    Remove
                  </Button>
                )}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {manager && (
        <section className={styles.section}>
          <Field label="Add people" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name or username" autoComplete="off" />
          <ul className={styles.results}>
            {found.map((u) => (
              <li key={u.id} className={styles.member}>
                <Avatar name={u.displayName} url={u.avatarUrl} seed={u.id} size={28} />
                <span className={styles.memberName}>{u.displayName}</span>
                <Button size="small" variant="secondary" busy={busy} onClick={() => void add(u)} aria-label={`Add ${u.displayName}`}>
                  Add
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Button variant="danger" onClick={leave} busy={busy}>
        Leave group
      </Button>
    </aside>
  );
}
