// One change to a group of every connected user (1,000 in a full run): the bytes its events put
// on the wire to all members, and the time from the request to the last member's event. Renames
// are the case that used to send every member the whole conversation, all members included.
import postgres from 'postgres';
import type { Socket } from 'socket.io-client';
import type { Seeded } from './seed';
import { summarize, type Summary } from './stats';

export type LargeGroupResult = { members: number; renames: number; bytesPerRename: number; requestMs: Summary; lastDeliveryMs: Summary };

/** The events a rename may arrive as: the delta, or (before it) the whole conversation. */
const renameEvents = ['conversation:changed', 'conversation:updated'];

export async function largeGroupRenames(url: string, databaseUrl: string, seeded: Seeded, sockets: Socket[], renames: number): Promise<LargeGroupResult> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [{ id }] = await sql`insert into conversations (type, title) values ('group', 'everyone') returning id`;
  const rows = seeded.users.map((u, i) => ({ conversation_id: id, user_id: u.id, role: i === 0 ? 'owner' : 'member', created_at: new Date(Date.now() + i) }));
  for (let i = 0; i < rows.length; i += 2000) await sql`insert into conversation_members ${sql(rows.slice(i, i + 2000))}`;
  await sql.end();

  const requestMs: number[] = [];
  const lastDeliveryMs: number[] = [];
  let bytes = 0;
  for (let n = 0; n < renames; n++) {
    const title = `everyone ${n}`;
    let heard = 0;
    let last = 0;
    const listeners = sockets.map((s) => {
      const listener = (event: string, payload: { id?: string; conversationId?: string; title?: string }) => {
        if (!renameEvents.includes(event) || (payload.conversationId ?? payload.id) !== id || payload.title !== title) return;
        bytes += Buffer.byteLength(JSON.stringify([event, payload]));
        heard++;
        last = performance.now();
      };
      s.onAny(listener);
      return () => s.offAny(listener);
    });
    const started = performance.now();
    const response = await fetch(`${url}/api/conversations/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${seeded.users[0].token}` },
      body: JSON.stringify({ title }),
    });
    requestMs.push(performance.now() - started);
    if (!response.ok) throw new Error(`rename: ${response.status} ${await response.text()}`);
    const deadline = Date.now() + 60_000;
    while (heard < sockets.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    for (const off of listeners) off();
    if (heard < sockets.length) throw new Error(`rename ${n}: ${heard} of ${sockets.length} members heard it`);
    lastDeliveryMs.push(last - started);
  }
  return {
    members: sockets.length,
    renames,
    bytesPerRename: Math.round(bytes / renames),
    requestMs: summarize(requestMs),
    lastDeliveryMs: summarize(lastDeliveryMs),
  };
}
