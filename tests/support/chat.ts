// Conversation helpers over REST for the integration suite.
import { expect } from 'vitest';
import { call, type TestUser } from './http';

export async function direct(a: TestUser, b: TestUser): Promise<string> {
  const reply = await call('POST', '/api/conversations', { token: a.token, body: { type: 'direct', userId: b.id } });
  expect([200, 201]).toContain(reply.status);
  return reply.body.conversation.id;
}

export async function group(owner: TestUser, members: TestUser[], title = 'Team'): Promise<string> {
  const reply = await call('POST', '/api/conversations', { token: owner.token, body: { type: 'group', title, memberIds: members.map((m) => m.id) } });
  expect(reply.status).toBe(201);
  return reply.body.conversation.id;
}

export async function send(user: TestUser, conversationId: string, body: string, clientId?: string) {
  const reply = await call('POST', `/api/conversations/${conversationId}/messages`, { token: user.token, body: { body, clientId } });
  expect([200, 201]).toContain(reply.status);
  return reply.body.message;
}

export async function setRole(owner: TestUser, conversationId: string, user: TestUser, role: 'admin' | 'member') {
  const reply = await call('PATCH', `/api/conversations/${conversationId}/members/${user.id}`, { token: owner.token, body: { role } });
  expect(reply.status).toBe(200);
}
