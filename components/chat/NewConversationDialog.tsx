'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
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

/**
 * "New": message one person, or pick several and a title for a group. It opens on the search
 * field; ↑ and ↓ move the highlight through the people found, Enter messages (or, for a group,
 * ticks) the one highlighted.
 */
export function NewConversationDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const listId = useId();
  const store = useChatStore();
  const router = useRouter();
  const [mode, setMode] = useState<'direct' | 'group'>('direct');
  const [q, setQ] = useState('');
  const [people, setPeople] = useState<PublicUser[] | null>(null);
  const [selected, setSelected] = useState<Map<string, PublicUser>>(new Map());
  const [title, setTitle] = useState('');
  const [titleError, setTitleError] = useState<string>();
  // Once Create was pressed, the title is checked as it is typed, so its message goes when it is right.
  const [titleChecked, setTitleChecked] = useState(false);
  const [highlight, setHighlight] = useState(0);
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
        setHighlight(0);
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
    setTitleChecked(false);
    setError('');
    setHighlight(0);
    setOpen(true);
    dialog.current?.showModal();
    // showModal focuses the first control (✕), where typing goes nowhere and Enter closes.
    search.current?.focus();
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

  function checkTitle(value: string) {
    const checked = validate(titleSchema, value);
    setTitleError(checked.errors ? Object.values(checked.errors)[0] : undefined);
    return checked;
  }

  function changeTitle(value: string) {
    setTitle(value);
    if (titleChecked) checkTitle(value);
  }

  function createGroup() {
    setTitleChecked(true);
    const checked = checkTitle(title);
    if (!checked.errors) void create({ type: 'group', title: checked.data, memberIds: [...selected.keys()] });
  }

  function pick(person: PublicUser) {
    if (mode === 'direct') void create({ type: 'direct', userId: person.id });
    else toggle(person);
  }

  function onSearchKey(event: KeyboardEvent<HTMLInputElement>) {
    const count = people?.length ?? 0;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count === 0) return;
      const next = event.key === 'ArrowDown' ? Math.min(count - 1, highlight + 1) : Math.max(0, highlight - 1);
      setHighlight(next);
      document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
    } else if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      // Enter never submits or closes anything here: it picks the person highlighted, if any.
      event.preventDefault();
      const person = people?.[Math.min(highlight, count - 1)];
      if (person && !busy) pick(person);
    }
  }

  const optionId = (index: number) => `${listId}-${index}`;
  const highlighted = people && people.length > 0 ? Math.min(highlight, people.length - 1) : -1;

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
            <button
              type="button"
              role="tab"
              className={styles.tab}
              aria-selected={mode === 'direct'}
              onClick={() => {
                setMode('direct');
                search.current?.focus();
              }}
            >
              Direct message
            </button>
            <button type="button" role="tab" className={styles.tab} aria-selected={mode === 'group'} onClick={() => setMode('group')}>
              Group
            </button>
          </div>
          {mode === 'group' && <Field label="Group title" value={title} onChange={(e) => changeTitle(e.target.value)} error={titleError} maxLength={100} />}
          <Field
            ref={search}
            label="Find people"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={onSearchKey}
            placeholder="Name or username"
            autoComplete="off"
            aria-controls={listId}
            aria-activedescendant={highlighted >= 0 ? optionId(highlighted) : undefined}
            hint={mode === 'direct' ? '↑ ↓ to choose, Enter to message.' : '↑ ↓ to choose, Enter to tick.'}
          />
          <ul id={listId} className={styles.results} aria-label="People to add" aria-busy={people === null}>
            {people === null ? (
              <li className={styles.status}>Loading…</li>
            ) : people.length === 0 ? (
              <li className={styles.status}>Nobody found.</li>
            ) : (
              people.map((person, index) => (
                <li key={person.id} data-highlighted={index === highlighted} onMouseEnter={() => setHighlight(index)}>
                  {mode === 'direct' ? (
                    <button
                      type="button"
                      id={optionId(index)}
                      className={styles.person}
                      onClick={() => void create({ type: 'direct', userId: person.id })}
                      disabled={busy}
                    >
                      <PersonLabel person={person} />
                    </button>
                  ) : (
                    <label className={styles.person}>
                      <input type="checkbox" id={optionId(index)} checked={selected.has(person.id)} onChange={() => toggle(person)} />
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
