import type { Metadata } from 'next';
import { ConversationView } from '@/components/chat/ConversationView';

export const metadata: Metadata = { title: 'Chats' };

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  return <ConversationView key={conversationId} conversationId={conversationId} />;
}
