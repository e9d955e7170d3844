'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useChatStore } from '@/components/chat/ChatProvider';
import { Button } from '@/components/ui/Button';
import { api, ApiError } from '@/lib/client/api';
import type { Conversation } from '@/lib/schemas/responses';

/** Opens the direct conversation with this person, starting it if there is none. */
export function MessageButton({ userId }: { userId: string }) {
  const router = useRouter();
  const store = useChatStore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  async function open() {
    setBusy(true);
    setError('');
    try {
      const { conversation } = await api<{ conversation: Conversation }>('/api/conversations', { method: 'POST', body: { type: 'direct', userId } });
      store.upsert(conversation);
      router.push(`/chat/${conversation.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not open the conversation.');
      setBusy(false);
    }
  }
  return (
    <span>
      <Button onClick={() => void open()} busy={busy}>
        Send a message
      </Button>
      {error && <span role="alert"> {error}</span>}
    </span>
  );
}
