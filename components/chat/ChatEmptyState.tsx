import styles from './ConversationView.module.scss';

export function ChatEmptyState() {
  return (
    <div className={styles.state}>
      <h2>Your conversations</h2>
      <p>Pick a conversation, or start one with “New”.</p>
    </div>
  );
}
