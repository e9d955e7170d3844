import type { ReactNode } from 'react';
import { ChatLayout } from '@/components/chat/ChatLayout';

export default function ChatSectionLayout({ children }: { children: ReactNode }) {
  return <ChatLayout>{children}</ChatLayout>;
}
