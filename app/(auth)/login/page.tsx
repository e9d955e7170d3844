import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/auth/LoginForm';
import { currentActor, safeCallbackUrl } from '@/lib/auth/current';
import { serverInfo } from '@/lib/serverInfo';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
  if (await currentActor()) redirect(callbackUrl);
  return <LoginForm callbackUrl={callbackUrl} canResetPassword={serverInfo().email} />;
}
