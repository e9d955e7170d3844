'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError } from '@/lib/client/api';
import { validate } from '@/lib/client/validate';
import type { Page } from '@/lib/schemas/common';
import { title as titleSchema } from '@/lib/schemas/conversations';
import type { Conversation, PublicUser } from '@/lib/schemas/responses';
import { useChatStore } from './ChatProvider';
import styles from './NewConversationDialog.module.scss';

function PersonLabel({ person }: { person: PublicUser }) {
  return (
    <>
      <Avatar name={person.displayName} url={person.avatarUrl} seed={person.id} size={32} />
      <span className={styles.names}>
        <span>{person.displayName}</span>
        <span className={styles.handle}>@{person.username}</span>
      </span>
    </>
  );
}

/** "New": message one person, or pick several and a title for a group. */
export function NewConversationDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const store = useChatStore();
  const router = useRouter();
  const [mode, setMode] = useState<'direct' | 'group'>('direct');
  const [q, setQ] = useState('');
  const [people, setPeople] = useState<PublicUser[] | null>(null);
  const [selected, setSelected] = useState<Map<string, PublicUser>>(new Map());
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string>();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const page = await api<Page<PublicUser>>(`/api/users?limit=30${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`, { signal: controller.signal });
        setPeople(page.items.filter((p) => p.id !== store.getSnapshot().meId));
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setError('Could not load people.');
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, open, store]);

  function show() {
    setMode('direct');
    setQ('');
    setSelected(new Map());
    setTitle('');
    setTitleError(undefined);
    setError('');
    setOpen(true);
    dialog.current?.showModal();
  }

  function close() {
    dialog.current?.close();
    setOpen(false);
  }

  async function create(body: object) {
    setBusy(true);
    setError('');
    try {
      const { conversation } = await api<{ conversation: Conversation }>('/api/conversations', { method: 'POST', body });
      store.upsert(conversation);
      close();
      router.push(`/chat/${conversation.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not start the conversation.');
    } finally {
      setBusy(false);
    }
  }

  function createGroup() {
    const checked = validate(titleSchema, title);
    setTitleError(checked.errors ? Object.values(checked.errors)[0] : undefined);
    if (!checked.errors) void create({ type: 'group', title: checked.data, memberIds: [...selected.keys()] });
  }

  function toggle(person: PublicUser) {
    const next = new Map(selected);
    if (next.has(person.id)) next.delete(person.id);
    else next.set(person.id, person);
    setSelected(next);
  }

  return (
    <>
      <Button size="small" onClick={show}>
        New
      </Button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby="new-conversation-title" onClose={() => setOpen(false)}>
        <div className={styles.body}>
          <div className={styles.head}>
            <h2 id="new-conversation-title">New conversation</h2>
            <Button variant="ghost" size="small" onClick={close} aria-label="Close">
              ✕
            </Button>
          </div>
          <div className={styles.tabs} role="tablist">
            <button type="button" role="tab" className={styles.tab} aria-selected={mode === 'direct'} onClick={() => setMode('direct')}>
              Direct message
            </button>
            <button type="button" role="tab" className={styles.tab} aria-selected={mode === 'group'} onClick={() => setMode('group')}>
              Group
            </button>
          </div>
          {mode === 'group' && <Field label="Group title" value={title} onChange={(e) => setTitle(e.target.value)} error={titleError} maxLength={100} />}
          <Field label="Find people" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Name or username" autoComplete="off" />
          <ul className={styles.results} aria-label="People to add" aria-busy={people === null}>
            {people === null ? (
              <li className={styles.status}>Loading…</li>
            ) : people.length === 0 ? (
              <li className={styles.status}>Nobody found.</li>
            ) : (
              people.map((person) => (
                <li key={person.id}>
                  {mode === 'direct' ? (
                    <button type="button" className={styles.person} onClick={() => void create({ type: 'direct', userId: person.id })} disabled={busy}>
                      <PersonLabel person={person} />
                    </button>
                  ) : (
                    <label className={styles.person}>
                      <input type="checkbox" checked={selected.has(person.id)} onChange={() => toggle(person)} />
                      <PersonLabel person={person} />
                    </label>
                  )}
                </li>
              ))
            )}
          </ul>
          {error && (
            <p className={styles.error} role="alert">
              {error}
            </p>
          )}
          {mode === 'group' && (
            <div className={styles.actions}>
              <Button onClick={createGroup} busy={busy}>
                {busy ? 'Creating…' : `Create group${selected.size ? ` (${selected.size + 1})` : ''}`}
              </Button>
            </div>
          )}
        </div>
      </dialog>
    </>
  );
}
