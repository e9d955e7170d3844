// Bench data, written straight into the database: N users with ready bearer sessions (so the
// bench measures messaging, not argon2), direct pairs and groups of ten.
import { createHash, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { hashPassword } from '../lib/auth/password';

export type Seeded = {
  users: { id: string; token: string }[];
  conversations: { id: string; members: number[] }[];
};

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function seed(databaseUrl: string, count: number): Promise<Seeded> {
  const sql = postgres(databaseUrl, { max: 4, onnotice: () => {} });
  const hash = await hashPassword('bench password');
  const run = randomUUID().slice(0, 8);
  const users = Array.from({ length: count }, (_, i) => ({ id: randomUUID(), token: `chs_bench_${run}_${i}` }));
  for (let i = 0; i < count; i += 1000) {
    const chunk = users.slice(i, i + 1000);
    await sql`insert into users ${sql(chunk.map((u, j) => ({ id: u.id, username: `b${run}_${i + j}`, display_name: `Bench ${i + j}`, password_hash: hash })))}`;
    await sql`insert into sessions ${sql(chunk.map((u) => ({ user_id: u.id, kind: 'api', token_hash: sha256(u.token), expires_at: new Date(Date.now() + 86_400_000) })))}`;
  }
  // Half the people in direct pairs, everyone in a group of ten.
  const conversations: Seeded['conversations'] = [];
  for (let i = 0; i + 1 < count / 2; i += 2) {
    const [a, b] = [users[i].id, users[i + 1].id].sort();
    conversations.push({ id: randomUUID(), members: [i, i + 1] });
    await sql`insert into conversations (id, type, direct_key) values (${conversations.at(-1)!.id}, 'direct', ${`${a}:${b}`})`;
  }
  for (let i = 0; i < count; i += 10) {
    const members = Array.from({ length: Math.min(10, count - i) }, (_, j) => i + j);
    if (members.length < 2) break;
    conversations.push({ id: randomUUID(), members });
    await sql`insert into conversations (id, type, title) values (${conversations.at(-1)!.id}, 'group', ${`bench ${i}`})`;
  }
  const memberRows = conversations.flatMap((c) =>
    c.members.map((m, k) => ({ conversation_id: c.id, user_id: users[m].id, role: k === 0 && c.members.length > 2 ? 'owner' : 'member' })),
  );
  for (let i = 0; i < memberRows.length; i += 2000) await sql`insert into conversation_members ${sql(memberRows.slice(i, i + 2000))}`;
  await sql.end();
  return { users, conversations };
}
