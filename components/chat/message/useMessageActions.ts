'use client';

// What a message's actions do, for its menu and its chips: toggle a reaction, copy its text or
// link, delete it; with the line under the message that says how it went for a few seconds.
import { useEffect, useState } from 'react';
import type { ChatMessage } from '@/lib/client/chatState';
import { useChatStore } from '../ChatProvider';
import { copyToClipboard } from './clipboard';
import { messagePath } from './messageText';

const NOTICE_MS = 4000;

export type Notice = { text: string; error: boolean };

export function useMessageActions(message: ChatMessage | undefined, meId: string) {
  const store = useChatStore();
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  async function copy(text: string, what: string) {
    try {
      await copyToClipboard(text);
      setNotice({ text: `${what} copied`, error: false });
    } catch (e) {
      setNotice({ text: `Could not copy: ${(e as Error).message}`, error: true });
    }
  }

  return {
    notice,
    /** Yours goes if you had it, else it is added; a refusal (the 20-emoji limit) is said under the message. */
    async toggleReaction(emoji: string) {
      if (!message) return;
      const yours = message.reactions.some((r) => r.emoji === emoji && r.userIds.includes(meId));
      try {
        await (yours ? store.unreact(message.id, emoji) : store.react(message.id, emoji));
      } catch (e) {
        setNotice({ text: `Could not react: ${(e as Error).message}`, error: true });
      }
    },
    copyText: () => message && void copy(message.body ?? '', 'Text'),
    copyLink: () => message && void copy(new URL(messagePath(message.conversationId, message.seq), window.location.origin).href, 'Link'),
    async remove() {
      if (!message || !window.confirm('Delete this message for everyone?')) return;
      try {
        await store.remove(message);
      } catch (e) {
        window.alert(`Could not delete: ${(e as Error).message}`);
      }
    },
  };
}
