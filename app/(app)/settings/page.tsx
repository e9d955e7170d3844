import type { Metadata } from 'next';
import { AvatarForm } from '@/components/settings/AvatarForm';
import { DeleteAccount } from '@/components/settings/DeleteAccount';
import { EmailSettings } from '@/components/settings/EmailSettings';
import { NotificationSettings } from '@/components/settings/NotificationSettings';
import { PasswordForm } from '@/components/settings/PasswordForm';
import { ProfileForm } from '@/components/settings/ProfileForm';
import { TokensPanel } from '@/components/settings/TokensPanel';
import { Card, Page } from '@/components/ui/Page';
import { requireActor } from '@/lib/auth/current';
import { getConfig } from '@/lib/config';
import { isOnline } from '@/lib/presence/registry';
import { toMe } from '@/lib/users/shape';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const actor = await requireActor();
  const me = toMe(actor.user, await isOnline(actor.userId));
  return (
    <Page title="Settings" subtitle={`Signed in as @${me.username}`}>
      <Card title="Profile" text="How other people see you." labelledBy="settings-profile">
        <AvatarForm me={me} />
        <ProfileForm me={me} />
      </Card>
      <Card title="Notifications" text="What reaches you, and where." labelledBy="settings-notifications">
        <NotificationSettings me={me} />
      </Card>
      <Card title="Password" text="Changing it signs out your other sessions." labelledBy="settings-password">
        <PasswordForm />
      </Card>
      {getConfig().email && (
        <Card title="Email" text="Your address for password resets, and emails about messages you missed." labelledBy="settings-email">
          <EmailSettings me={me} />
        </Card>
      )}
      <Card title="API tokens" text="Personal access tokens let scripts and bots use the API as you. Each secret is shown once." labelledBy="settings-tokens">
        <TokensPanel />
      </Card>
      <Card
        title="Delete account"
        text="Your profile, sessions and tokens are removed. Messages you sent stay, shown as from a deleted account."
        tone="danger"
        labelledBy="settings-delete"
      >
        <DeleteAccount />
      </Card>
    </Page>
  );
}
