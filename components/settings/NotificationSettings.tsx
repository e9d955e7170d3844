// The Settings page's Notifications card: this browser's desktop notifications, do not disturb,
// and each conversation's level.
import type { Me } from '@/lib/users/shape';
import { ConversationLevels } from './ConversationLevels';
import { DesktopNotifications } from './DesktopNotifications';
import { DoNotDisturb } from './DoNotDisturb';
import styles from './Notifications.module.scss';

export function NotificationSettings({ me }: { me: Me }) {
  return (
    <>
      <DesktopNotifications />
      <hr className={styles.rule} />
      <DoNotDisturb me={me} />
      <hr className={styles.rule} />
      <ConversationLevels />
    </>
  );
}
