import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/nextAuth';

// Options are built per request: the secret comes from the configuration loaded at start-up.
function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req, context, authOptions());
}

export { handler as GET, handler as POST };
