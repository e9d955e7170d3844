'use client';

import { useEffect, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api } from '@/lib/client/api';
import type { Page } from '@/lib/schemas/common';
import type { Conversation, PublicUser } from '@/lib/schemas/responses';
import styles from './GroupDetails.module.scss';

type Props = { conversation: Conversation; busy: boolean; act: (run: () => Promise<unknown>) => Promise<void> };

/** Find people who are not in the group yet, and add them. Shown only to those the policy lets add. */
export function AddPeople({ conversation, busy, act }: Props) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<{ q: string; users: PublicUser[] }>({ q: '', users: [] });
  // Results answer the query they were fetched for; an emptied or changed box shows none of them.
  const found = results.q === q.trim() && q.trim() ? results.users : [];

  useEffect(() => {
    const query = q.trim();
    if (!query) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api<Page<PublicUser>>(`/api/users?limit=10&q=${encodeURIComponent(query)}`, { signal: controller.signal })
        .then((page) => setResults({ q: query, users: page.items }))
        .catch(() => {});
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  const add = (user: PublicUser) =>
    act(() => api(`/api/conversations/${conversation.id}/members`, { method: 'POST', body: { userIds: [user.id] } }).then((r) => (setQ(''), r)));

  return (
    <section className={styles.section}>
      <Field label="Add people" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name or username" autoComplete="off" />
      <ul className={styles.results}>
        {found
          .filter((u) => !conversation.members.some((m) => m.user.id === u.id))
          .map((u) => (
            <li key={u.id} className={styles.result}>
              <Avatar name={u.displayName} url={u.avatarUrl} seed={u.id} size={28} />
              <span className={styles.memberName}>
                <span className={styles.line} title={u.displayName}>
                  <bdi>{u.displayName}</bdi>
                </span>
                <span className={[styles.line, styles.handle].join(' ')} title={`@${u.username}`}>
                  @{u.username}
                </span>
              </span>
              <Button size="small" variant="secondary" busy={busy} onClick={() => void add(u)} aria-label={`Add ${u.displayName}`}>
                Add
              </Button>
            </li>
          ))}
      </ul>
    </section>
  );
}
