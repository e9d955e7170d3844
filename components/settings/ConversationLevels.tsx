'use client';

// Every conversation's notification level in one place: All, Mentions or Nothing, as a radio group
// per conversation. The store holds the levels, so a change here shows in the chat at once.
import { memo, useState } from 'react';
import { useChatSelector, useChatStore, useConversation } from '@/components/chat/ChatProvider';
import { NOTIFY_LEVELS } from '@/components/chat/notifyLevels';
import { Avatar } from '@/components/ui/Avatar';
import { ApiError } from '@/lib/client/api';
import type { ChatState } from '@/lib/client/chatState';
import type { NotifyLevel } from '@/lib/client/notifications';
import { shallowEqual, sortedConversationIds } from '@/lib/client/selectors';
import styles from './Notifications.module.scss';

const selectLoaded = (state: ChatState) => state.conversationsLoaded;

export function ConversationLevels() {
  const loaded = useChatSelector(selectLoaded);
  const ids = useChatSelector(sortedConversationIds, shallowEqual);
  return (
    <div className={styles.section} role="group" aria-labelledby="levels-label">
      <div>
        <h3 id="levels-label" className={styles.subheading}>
          Per conversation
        </h3>
        <p className={styles.note}>
          All: every message. Mentions: only messages that mention you (and @all). Nothing: muted, and left out of the count in the tab title.
        </p>
      </div>
      {!loaded ? (
        <p className={styles.note}>Loading your conversations…</p>
      ) : ids.length === 0 ? (
        <p className={styles.note}>No conversations yet.</p>
      ) : (
        <ul className={styles.levels} aria-label="Notification level of each conversation">
          {ids.map((id) => (
            <LevelRow key={id} id={id} />
          ))}
        </ul>
      )}
    </div>
  );
}

const LevelRow = memo(function LevelRow({ id }: { id: string }) {
  const store = useChatStore();
  const found = useConversation(id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  if (!found) return null;
  const { conversation, name, other } = found;

  async function choose(level: NotifyLevel) {
    // Not disabled while saving: a disabled radio would drop the keyboard focus on it.
    if (busy) return;
    setBusy(true);
    setError('');
    try {
      await store.setNotify(id, level);
    } catch (e) {
      setError(`Not changed: ${e instanceof ApiError ? e.message : 'try again.'}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={styles.level} data-testid="level-row">
      <div className={styles.levelRow} role="radiogroup" aria-labelledby={`level-${id}`} aria-busy={busy || undefined}>
        <span className={styles.levelName}>
          <Avatar name={name} url={other?.user.avatarUrl} seed={other?.user.id ?? id} size={28} />
          <span id={`level-${id}`} className={styles.levelNameText} title={name}>
            {name}
          </span>
        </span>
        <span className={styles.segments}>
          {NOTIFY_LEVELS.map((l) => (
            <label key={l.level} className={styles.segment} title={l.hint}>
              <input
                type="radio"
                name={`notify-${id}`}
                value={l.level}
                checked={conversation.notify === l.level}
                onChange={() => void choose(l.level)}
                className={styles.segmentInput}
              />
              <span>{l.label}</span>
            </label>
          ))}
        </span>
      </div>
      {error && (
        <p className={styles.failed} role="alert">
          {error}
        </p>
      )}
    </li>
  );
});
