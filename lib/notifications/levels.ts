// Whom a message notifies: the one rule, applied to every member of every stored message. The
// database narrows the members down first (lib/notifications/recipients.ts); this decides.
export type NotifyLevel = 'all' | 'mentions' | 'none';

/** Groups larger than this start their new members on `mentions`: a busy room would never be quiet. */
export const LARGE_GROUP = 50;

/** The level a member gets when they join (direct conversations and small groups: everything). */
export function defaultLevel(type: 'direct' | 'group', memberCount: number): NotifyLevel {
  return type === 'direct' || memberCount <= LARGE_GROUP ? 'all' : 'mentions';
}

export type MessageFacts = {
  senderId: string | null;
  /** The members the body mentions (`@all` already expanded). */
  mentions: readonly string[];
  direct: boolean;
};

export type MemberFacts = {
  userId: string;
  level: NotifyLevel;
  /** Do not disturb is on for them now. */
  dnd: boolean;
};

/**
 * Whether the member hears of the message, and whether as a mention (everything in a direct
 * conversation is addressed to them). Null: not at all — their own message, a muted
 * conversation, do not disturb, or `mentions` and the message does not mention them.
 */
export function decide(message: MessageFacts, member: MemberFacts): { mention: boolean } | null {
  if (member.userId === message.senderId || member.level === 'none' || member.dnd) return null;
  const mention = message.direct || message.mentions.includes(member.userId);
  if (member.level === 'mentions' && !mention) return null;
  return { mention };
}
