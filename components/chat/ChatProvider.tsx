'use client';

import { usePathname } from 'next/navigation';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { unreadTotal, type ChatState } from '@/lib/client/chatState';
import { chatStore, type ChatStore } from '@/lib/client/chatStore';
import { titleWithCount } from '@/lib/client/notifications';
import { conversationName, isWithDeletedAccount, otherMember } from '@/lib/client/selectors';
import { useStoreSelector, type Equality } from '@/lib/client/storeSelector';

const StoreContext = createContext<ChatStore | null>(null);

/** Starts this tab's chat client for the signed-in person and keeps the unread count in the title. */
export function ChatProvider({ meId, children }: { meId: string; children: ReactNode }) {
  const [store] = useState(() => chatStore(meId));
  useEffect(() => store.start(), [store]);
  return (
    <StoreContext.Provider value={store}>
      <UnreadTitle />
      {children}
    </StoreContext.Provider>
  );
}

function UnreadTitle() {
  const total = useChatSelector(unreadTotal);
  const pathname = usePathname();
  useEffect(() => {
    // After Next has set the page's own title on navigation.
    const timer = setTimeout(() => {
      document.title = titleWithCount(document.title, total);
    }, 50);
    return () => clearTimeout(timer);
  }, [total, pathname]);
  return null;
}

/** The store, for its actions. To read state, use useChatSelector. */
export function useChatStore(): ChatStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useChatStore outside ChatProvider');
  return store;
}

/**
 * One slice of the chat state; the component re-renders only when that slice changes (by
 * `isEqual`: pass `shallowEqual` for a derived array). Select small things: an id list, one
 * message, a string.
 */
export function useChatSelector<T>(selector: (state: ChatState) => T, isEqual?: Equality<T>): T {
  return useStoreSelector(useChatStore(), selector, isEqual);
}

export function useMeId(): string {
  return useChatSelector(selectMeId);
}

const selectMeId = (state: ChatState) => state.meId;

/** One conversation, as this person names it (its title, or the other person in a direct one), and whether that person deleted their account. */
export function useConversation(conversationId: string) {
  const meId = useMeId();
  const conversation = useChatSelector(useCallback((state: ChatState) => state.conversations[conversationId], [conversationId]));
  if (!conversation) return null;
  return {
    conversation,
    meId,
    name: conversationName(conversation, meId),
    other: otherMember(conversation, meId),
    otherDeleted: isWithDeletedAccount(conversation, meId),
  };
}
