'use client';

import Link from 'next/link';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError } from '@/lib/client/api';
import type { Page } from '@/lib/schemas/common';
import type { PublicUser } from '@/lib/users/shape';
import styles from './PeopleSearch.module.scss';

const PAGE_SIZE = 20;

/** Search people as you type; pages of results load on demand. */
export function PeopleSearch() {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PublicUser[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [state, setState] = useState<'loading' | 'idle' | 'more' | 'error'>('loading');
  const [error, setError] = useState('');
  const current = useRef<AbortController | null>(null);

  const load = useCallback(async (query: string, cursor: string | null) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState(cursor ? 'more' : 'loading');
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (query.trim()) params.set('q', query.trim());
    if (cursor) params.set('cursor', cursor);
    try {
      const page = await api<Page<PublicUser>>(`/api/users?${params}`, { signal: controller.signal });
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setState('idle');
    } catch (e) {
      if ((e as Error).name === 'AbortError') return;
      setError(e instanceof ApiError ? e.message : 'Could not load people.');
      setState('error');
    }
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void load(q, null), q ? 200 : 0);
    return () => clearTimeout(timer);
  }, [q, load]);

  return (
    <>
      <div className={styles.search} role="search">
        <Field label="Search people" type="search" placeholder="Name or username" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </div>
      <div aria-live="polite" aria-busy={state === 'loading'}>
        {state === 'loading' && items.length === 0 && <p className={styles.status}>Loading…</p>}
        {state === 'error' && (
          <p className={styles.error} role="alert">
            {error}{' '}
            <Button size="small" variant="secondary" onClick={() => void load(q, null)}>
              Retry
            </Button>
          </p>
        )}
        {state !== 'loading' && state !== 'error' && items.length === 0 && (
          <p className={styles.status}>{q ? `Nobody matches “${q}”.` : 'Nobody is here yet.'}</p>
        )}
        {items.length > 0 && (
          <ul className={styles.list} aria-label="People">
            {items.map((person) => (
              <li key={person.id} className={styles.item}>
                <Link href={`/users/${person.id}`} className={styles.person}>
                  <Avatar name={person.displayName} url={person.avatarUrl} seed={person.id} />
                  <span className={styles.names}>
                    <span className={styles.name}>{person.displayName}</span>
                    <span className={styles.handle}>@{person.username}</span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
      {nextCursor && (
        <div className={styles.more}>
          <Button variant="secondary" onClick={() => void load(q, nextCursor)} busy={state === 'more'}>
            {state === 'more' ? 'Loading…' : 'Show more'}
          </Button>
        </div>
      )}
    </>
  );
}
