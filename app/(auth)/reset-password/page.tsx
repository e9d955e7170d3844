import type { Metadata } from 'next';
import { MissingToken } from '@/components/auth/MissingToken';
import { ResetPasswordForm } from '@/components/auth/ResetPasswordForm';
import { linkPageMetadata, linkPageToken } from '@/lib/email/pages';

export const metadata: Metadata = { title: 'Reset password', ...linkPageMetadata };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = await linkPageToken(searchParams);
  if (!token) return <MissingToken title="Reset password" again={{ href: '/forgot-password', label: 'Ask for a new link' }} />;
  return <ResetPasswordForm token={token} />;
}
