import Link from 'next/link';
import { AuthFrame } from '@/components/auth/AuthFrame';

export default function NotFound() {
  return (
    <AuthFrame>
      <h1>Not found</h1>
      <p>There is nothing here, or it is not yours to see.</p>
      <Link href="/">Go home</Link>
    </AuthFrame>
  );
}
