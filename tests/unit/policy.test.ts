import { describe, expect, it } from 'vitest';
import { can, canDeleteMessage, canEditMessage, canRemove, canSetRole, groupActionNames, type GroupAction, type Role } from '@/lib/policy';

const roles: Role[] = ['owner', 'admin', 'member'];

/** The whole table, written out: who may take each group action. */
const expected: Record<GroupAction, Role[]> = {
  rename: ['owner', 'admin'],
  addMembers: ['owner', 'admin'],
  removeMember: ['owner', 'admin'],
  removeAdmin: ['owner'],
  setRole: ['owner'],
  deleteAnyMessage: ['owner', 'admin'],
};

describe('the conversation policy', () => {
  it('names every action the truth table covers', () => {
    expect([...groupActionNames].sort()).toEqual(Object.keys(expected).sort());
  });

  for (const action of Object.keys(expected) as GroupAction[]) {
    for (const role of roles) {
      const allowed = expected[action].includes(role);
      it(`${allowed ? 'lets' : 'does not let'} a group ${role} ${action}`, () => {
        expect(can(role, action, 'group')).toBe(allowed);
      });
    }
    it(`allows nobody to ${action} in a direct conversation`, () => {
      for (const role of roles) expect(can(role, action, 'direct')).toBe(false);
    });
  }

  it('lets anyone leave, nobody remove the owner, only the owner remove an admin, and managers remove members', () => {
    const table: [Role, Role, boolean][] = [
      ['owner', 'admin', true],
      ['owner', 'member', true],
      ['admin', 'admin', false],
      ['admin', 'member', true],
      ['admin', 'owner', false],
      ['member', 'member', false],
      ['member', 'owner', false],
      ['owner', 'owner', false],
    ];
    for (const [actor, target, allowed] of table)
      expect(canRemove({ id: 'a', role: actor }, { id: 'b', role: target }), `${actor} removes ${target}`).toBe(allowed);
    for (const role of roles) expect(canRemove({ id: 'a', role }, { id: 'a', role }), `${role} leaves`).toBe(true);
    expect(canRemove({ id: 'a', role: 'owner' }, { id: 'b', role: 'member' }, 'direct')).toBe(false);
  });

  it('lets only the owner change roles, and not their own', () => {
    expect(canSetRole({ id: 'a', role: 'owner' }, { id: 'b' })).toBe(true);
    expect(canSetRole({ id: 'a', role: 'owner' }, { id: 'a' })).toBe(false);
    expect(canSetRole({ id: 'a', role: 'admin' }, { id: 'b' })).toBe(false);
  });

  it('lets only the sender edit a message that is not deleted', () => {
    expect(canEditMessage('a', { senderId: 'a', deleted: false })).toBe(true);
    expect(canEditMessage('a', { senderId: 'b', deleted: false })).toBe(false);
    expect(canEditMessage('a', { senderId: 'a', deleted: true })).toBe(false);
    expect(canEditMessage('a', { senderId: null, deleted: false })).toBe(false);
  });

  it('lets the sender delete, and a group owner or admin delete anyone’s message', () => {
    const other = { senderId: 'b', deleted: false };
    expect(canDeleteMessage({ id: 'a', role: 'member' }, { senderId: 'a', deleted: false }, 'direct')).toBe(true);
    expect(canDeleteMessage({ id: 'a', role: 'member' }, other, 'group')).toBe(false);
    expect(canDeleteMessage({ id: 'a', role: 'admin' }, other, 'group')).toBe(true);
    expect(canDeleteMessage({ id: 'a', role: 'owner' }, other, 'group')).toBe(true);
    expect(canDeleteMessage({ id: 'a', role: 'member' }, other, 'direct')).toBe(false);
    expect(canDeleteMessage({ id: 'a', role: 'owner' }, { senderId: 'b', deleted: true }, 'group')).toBe(false);
  });
});
