'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError } from '@/lib/client/api';
import type { ChatState } from '@/lib/client/chatState';
import { can, canRemove, canSetRole } from '@/lib/policy';
import { title as titleSchema } from '@/lib/schemas/conversations';
import type { Conversation, Member } from '@/lib/schemas/responses';
import { AddPeople } from './AddPeople';
import { useChatSelector, useChatStore, useMeId } from './ChatProvider';
import { memberCount } from './format';
import styles from './GroupDetails.module.scss';

const roleLabel = { owner: 'Owner', admin: 'Admin', member: 'Member' } as const;

/** What is wrong with a title, or '' when nothing is. */
function titleProblem(text: string): string {
  const checked = titleSchema.safeParse(text);
  return checked.success ? '' : checked.error.issues[0].message;
}

/**
 * A group's title, members and roles, with the actions lib/policy.ts allows the viewer. A side
 * panel on a wide screen, over the conversation (with a backdrop) on a narrow one; Escape, ✕ or
 * the backdrop close it.
 */
export function GroupDetails({ conversationId, onClose }: { conversationId: string; onClose: () => void }) {
  const panel = useRef<HTMLElement>(null);
  const store = useChatStore();
  const meId = useMeId();
  const router = useRouter();
  const conversation = useChatSelector(useCallback((state: ChatState) => state.conversations[conversationId], [conversationId]));
  // What the viewer typed, for the title it was typed over: a rename from elsewhere replaces it.
  const [draft, setDraft] = useState<{ over: string | null; text: string } | null>(null);
  const [error, setError] = useState('');
  // The title's own message, checked again as it is typed once Rename was pressed.
  const [titleError, setTitleError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const current = conversation?.title ?? null;
  const title = draft && draft.over === current ? draft.text : (current ?? '');
  const setTitle = (text: string) => {
    setDraft({ over: current, text });
    if (titleError !== undefined) setTitleError(titleProblem(text));
  };

  // Into the panel when it opens, so the keyboard is where the eyes are.
  useEffect(() => panel.current?.focus(), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Something inside took Escape for itself (a native dialog, the lightbox): not ours.
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      // Escape in the composer is the composer's (it ends an edit).
      const target = event.target as HTMLElement | null;
      if (target?.closest('textarea, input') && !panel.current?.contains(target)) return;
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);

  const act = useCallback(
    async (run: () => Promise<unknown>) => {
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
    },
    [store],
  );

  if (!conversation) return null;
  const me = { id: meId, role: conversation.members.find((m) => m.user.id === meId)?.role ?? 'member' };
  const { type } = conversation;
  const base = `/api/conversations/${conversation.id}`;
  const rename = (event: FormEvent) => {
    event.preventDefault();
    const checked = titleSchema.safeParse(title);
    setTitleError(titleProblem(title));
    if (!checked.success) return;
    void act(() => api(base, { method: 'PATCH', body: { title: checked.data } }));
  };
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
  // Removing yourself is leaving, which has its own button below.
  const removable = (m: Member) => m.user.id !== meId && canRemove(me, { id: m.user.id, role: m.role }, type);

  return (
    <>
      <div className={styles.backdrop} data-testid="details-backdrop" onClick={onClose} aria-hidden="true" />
      <aside id="group-details" ref={panel} tabIndex={-1} className={styles.panel} aria-label="Group details">
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
        {can(me.role, 'rename', type) && (
          <form className={styles.row} onSubmit={rename}>
            <Field label="Title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} error={titleError || undefined} />
            <Button type="submit" variant="secondary" busy={busy} disabled={title.trim() === conversation.title}>
              Rename
            </Button>
          </form>
        )}
        <section className={styles.section}>
          <h3 className={styles.sectionTitle}>{memberCount(conversation.members.length)}</h3>
          <ul className={styles.members} aria-label="Members">
            {conversation.members.map((m) => (
              <li key={m.user.id} className={styles.member}>
                <Avatar name={m.user.displayName} url={m.user.avatarUrl} seed={m.user.id} size={32} />
                {/* Long names end in an ellipsis on screen; the title shows them whole, and a screen reader reads the whole text. */}
                <span className={styles.memberName}>
                  <span className={styles.line} data-testid="member-name" title={m.user.displayName + (m.user.id === meId ? ' (you)' : '')}>
                    {/* Anyone may take any display name: the username says who it really is; bdi keeps an RTL name from reordering the rest. */}
                    <bdi>{m.user.displayName}</bdi>
                    {m.user.id === meId && ' (you)'}
                  </span>
                  <span className={[styles.line, styles.handle].join(' ')} data-testid="member-handle" title={`@${m.user.username}`}>
                    @{m.user.username}
                  </span>
                  <span className={styles.role}>{roleLabel[m.role]}</span>
                </span>
                <span className={styles.memberActions}>
                  {canSetRole(me, { id: m.user.id }, type) && (
                    <Button variant="ghost" size="small" busy={busy} onClick={() => void setRole(m, m.role === 'admin' ? 'member' : 'admin')}>
                      {m.role === 'admin' ? 'Demote' : 'Make admin'}
                    </Button>
                  )}
                  {removable(m) && (
                    <Button variant="ghost" size="small" busy={busy} onClick={() => remove(m)} aria-label={`Remove ${m.user.displayName}`}>
                      Remove
                    </Button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
        {can(me.role, 'addMembers', type) && <AddPeople conversation={conversation} busy={busy} act={act} />}
        <Button variant="danger" onClick={leave} busy={busy}>
          Leave group
        </Button>
      </aside>
    </>
  );
}
