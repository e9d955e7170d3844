import type { Metadata } from 'next';
import { ChatEmptyState } from '@/components/chat/ChatEmptyState';

export const metadata: Metadata = { title: 'Chats' };

export default function ChatHome() {
  return <ChatEmptyState />;
}
