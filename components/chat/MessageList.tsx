'use client';

import { Fragment, useLayoutEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/Button';
import type { Thread } from '@/lib/client/chatState';
import type { Conversation, Message } from '@/lib/conversations/shape';
import { useChatState, useChatStore } from './ChatProvider';
import { dayLabel, sameDay } from './format';
import { MessageItem } from './MessageItem';
import styles from './MessageList.module.scss';

const GROUP_WINDOW_MS = 5 * 60 * 1000;
const NEAR_BOTTOM_PX = 48;

type Props = { conversation: Conversation; thread: Thread | undefined; onEdit: (m: { id: string; body: string }) => void };

/** "Seen" under your latest message in a direct chat, "Seen by N" in a group. */
function receipt(conversation: Conversation, meId: string, message: Message): string {
  const readers = conversation.members.filter((m) => m.user.id !== meId && m.lastReadSeq >= message.seq).length;
  if (conversation.type === 'direct') return readers > 0 ? 'Seen' : 'Sent';
  return readers > 0 ? `Seen by ${readers}` : 'Sent';
}

export function MessageList({ conversation, thread, onEdit }: Props) {
  const store = useChatStore();
  const state = useChatState();
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<{ firstSeq: number; lastSeq: number; height: number; top: number; pendingCount: number } | null>(null);
  const [unseen, setUnseen] = useState(0);

  const messages = thread?.messages ?? [];
  const pending = Object.values(state.pending)
    .filter((p) => p.conversationId === conversation.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const me = conversation.members.find((m) => m.user.id === state.meId);
  const moderator = conversation.type === 'group' && (me?.role === 'owner' || me?.role === 'admin');
  const lastMine = [...messages].reverse().find((m) => m.sender?.id === state.meId && !m.deletedAt);

  // Keep the reader's place: older pages load above without a jump; new messages follow the
  // bottom only when the reader is there (or sent them), else they are counted.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const firstSeq = messages[0]?.seq ?? 0;
    const lastSeq = messages.at(-1)?.seq ?? 0;
    const before = previous.current;
    if (!before || before.lastSeq === 0) {
      el.scrollTop = el.scrollHeight;
    } else if (firstSeq < before.firstSeq && lastSeq === before.lastSeq) {
      el.scrollTop = before.top + (el.scrollHeight - before.height);
    } else if (lastSeq > before.lastSeq || pending.length > before.pendingCount) {
      const newOnes = messages.filter((m) => m.seq > before.lastSeq);
      const fromMe = pending.length > before.pendingCount || newOnes.some((m) => m.sender?.id === state.meId);
      if (atBottom.current || fromMe) el.scrollTop = el.scrollHeight;
      else setUnseen((n) => n + newOnes.length);
    }
    previous.current = { firstSeq, lastSeq, height: el.scrollHeight, top: el.scrollTop, pendingCount: pending.length };
  });

  function onScroll() {
    const el = scroller.current!;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    if (previous.current) {
      previous.current.top = el.scrollTop;
      previous.current.height = el.scrollHeight;
    }
    if (atBottom.current && unseen > 0) setUnseen(0);
    if (el.scrollTop < 120 && thread?.hasMoreBefore) void store.loadOlder(conversation.id);
  }

  function jumpToLatest() {
    const el = scroller.current!;
    el.scrollTo({ top: el.scrollHeight, behavior: 'smooth' });
    setUnseen(0);
  }

  async function remove(message: Message) {
    if (!window.confirm('Delete this message for everyone?')) return;
    try {
      await store.remove(message);
    } catch (e) {
      window.alert(`Could not delete: ${(e as Error).message}`);
    }
  }

  return (
    <div className={styles.wrap}>
      <div className={styles.scroller} ref={scroller} onScroll={onScroll} role="log" aria-label="Messages" aria-live="polite" tabIndex={0}>
        {!thread?.loaded ? (
          <p className={styles.empty}>{thread?.error ? 'Could not load messages.' : 'Loading messages…'}</p>
        ) : (
          <>
            {thread.loadingOlder && <span className={styles.older}>Loading earlier messages…</span>}
            {!thread.hasMoreBefore && messages.length > 0 && <span className={styles.older}>This is the beginning of the conversation.</span>}
            {messages.length === 0 && pending.length === 0 && <p className={styles.empty}>No messages yet. Say hello!</p>}
            {messages.map((m, i) => {
              const prev = messages[i - 1];
              const newDay = !prev || !sameDay(new Date(prev.createdAt), new Date(m.createdAt));
              const first =
                newDay || prev.sender?.id !== m.sender?.id || new Date(m.createdAt).getTime() - new Date(prev.createdAt).getTime() > GROUP_WINDOW_MS;
              const mine = m.sender?.id === state.meId;
              return (
                <Fragment key={m.id}>
                  {newDay && <div className={styles.day}>{dayLabel(m.createdAt)}</div>}
                  <MessageItem
                    message={m}
                    mine={mine}
                    first={first}
                    showSender={conversation.type === 'group'}
                    canEdit={mine}
                    canDelete={mine || moderator}
                    onEdit={() => onEdit({ id: m.id, body: m.body ?? '' })}
                    onDelete={() => void remove(m)}
                  />
                  {m === lastMine && pending.length === 0 && (
                    <span className={styles.receipt} data-testid="receipt">
                      {receipt(conversation, state.meId, m)}
                    </span>
                  )}
                </Fragment>
              );
            })}
            {pending.map((p, i) => (
              <MessageItem
                key={p.clientId}
                message={p}
                mine
                first={i === 0}
                showSender={false}
                canEdit={false}
                canDelete={false}
                onRetry={() => store.retry(p.clientId)}
                onDiscard={() => store.discard(p.clientId)}
              />
            ))}
          </>
        )}
      </div>
      {unseen > 0 && (
        <Button className={styles.jump} size="small" onClick={jumpToLatest}>
          ↓ {unseen} new {unseen === 1 ? 'message' : 'messages'}
        </Button>
      )}
    </div>
  );
}
