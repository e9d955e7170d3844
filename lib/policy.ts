// Who may do what in a conversation: one table, read by the services (which enforce it) and by
// the UI (which shows only what is allowed). Pure, so it is unit-tested as a truth table.
export type Role = 'owner' | 'admin' | 'member';
export type ConversationType = 'direct' | 'group';

/** Group actions and the roles that may take them. A direct conversation allows none of them. */
const groupActions = {
  rename: ['owner', 'admin'],
  addMembers: ['owner', 'admin'],
  removeMember: ['owner', 'admin'],
  removeAdmin: ['owner'],
  setRole: ['owner'],
  deleteAnyMessage: ['owner', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type GroupAction = keyof typeof groupActions;
export const groupActionNames = Object.keys(groupActions) as GroupAction[];

/** Whether a member with `role` may take `action` in a conversation of `type`. */
export function can(role: Role, action: GroupAction, type: ConversationType = 'group'): boolean {
  return type === 'group' && (groupActions[action] as readonly Role[]).includes(role);
}

/** Whether `actor` may remove `target` from a group. Leaving (removing yourself) is always allowed; nobody removes the owner. */
export function canRemove(actor: { id: string; role: Role }, target: { id: string; role: Role }, type: ConversationType = 'group'): boolean {
  if (type !== 'group') return false;
  if (actor.id === target.id) return true;
  if (target.role === 'owner') return false;
  return can(actor.role, target.role === 'admin' ? 'removeAdmin' : 'removeMember');
}

/** Whether the owner may give `target` another role: anyone but themself. */
export function canSetRole(actor: { id: string; role: Role }, target: { id: string }, type: ConversationType = 'group'): boolean {
  return actor.id !== target.id && can(actor.role, 'setRole', type);
}

type MessageFacts = { senderId: string | null; deleted: boolean };

/** Only its sender edits a message, and not once it is deleted. */
export function canEditMessage(actorId: string, message: MessageFacts): boolean {
  return !message.deleted && message.senderId === actorId;
}

/** Its sender deletes a message, or a group's owner or admin. */
export function canDeleteMessage(actor: { id: string; role: Role }, message: MessageFacts, type: ConversationType): boolean {
  return !message.deleted && (message.senderId === actor.id || can(actor.role, 'deleteAnyMessage', type));
}
