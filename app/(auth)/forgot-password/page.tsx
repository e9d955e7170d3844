import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ForgotPasswordForm } from '@/components/auth/ForgotPasswordForm';
import { getConfig } from '@/lib/config';

export const metadata: Metadata = { title: 'Forgot password' };

export default function ForgotPasswordPage() {
  if (!getConfig().email) notFound();
  return <ForgotPasswordForm />;
}
