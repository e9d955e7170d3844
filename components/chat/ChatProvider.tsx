'use client';

import { usePathname } from 'next/navigation';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { unreadTotal, type ChatState } from '@/lib/client/chatState';
import { chatStore, type ChatStore } from '@/lib/client/chatStore';

const StoreContext = createContext<ChatStore | null>(null);

/** Starts this tab's chat client for the signed-in person and keeps the unread count in the title. */
export function ChatProvider({ meId, children }: { meId: string; children: ReactNode }) {
  const [store] = useState(() => chatStore(meId));
  useEffect(() => store.start(), [store]);
  return (
    <StoreContext.Provider value={store}>
      <UnreadTitle store={store} />
      {children}
    </StoreContext.Provider>
  );
}

function UnreadTitle({ store }: { store: ChatStore }) {
  const total = useSyncExternalStore(store.subscribe, () => unreadTotal(store.getSnapshot()), () => 0);
  const pathname = usePathname();
  useEffect(() => {
    // After Next has set the page's own title on navigation.
    const timer = setTimeout(() => {
      const base = document.title.replace(/^\(\d+\) /, '');
      document.title = total > 0 ? `(${total}) ${base}` : base;
    }, 50);
    return () => clearTimeout(timer);
  }, [total, pathname]);
  return null;
}

export function useChatStore(): ChatStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useChatStore outside ChatProvider');
  return store;
}

export function useChatState(): ChatState {
  const store = useChatStore();
  return useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
}
