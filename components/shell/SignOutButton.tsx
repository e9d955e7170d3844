'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { api } from '@/lib/client/api';

/** Revokes this browser's session on the server, then leaves for the sign-in page. */
export function SignOutButton() {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  async function signOut() {
    setBusy(true);
    setFailed(false);
    try {
      await api('/api/auth/logout', { method: 'POST' });
      window.location.assign('/login');
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }
  return (
    <Button variant="ghost" size="small" onClick={signOut} busy={busy} title={failed ? 'Sign-out failed. Try again.' : undefined}>
      {failed ? 'Retry sign out' : 'Sign out'}
    </Button>
  );
}
