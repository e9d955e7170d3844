// History pages of one conversation with many messages, measured with autocannon.
import autocannon from 'autocannon';
import postgres from 'postgres';

export async function seedHistory(databaseUrl: string, conversationId: string, senderId: string, count: number): Promise<number> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const start = performance.now();
  for (let from = 1; from <= count; from += 250_000) {
    const to = Math.min(count, from + 249_999);
    await sql`insert into messages (conversation_id, seq, sender_id, body, created_at)
      select ${conversationId}, g, ${senderId}, 'history message ' || g, now() - (${count} - g) * interval '1 second'
      from generate_series(${from}::bigint, ${to}::bigint) g`;
  }
  await sql`update conversations set last_seq = ${count} where id = ${conversationId}`;
  await sql`analyze messages`;
  await sql.end();
  return (performance.now() - start) / 1000;
}

async function cannon(url: string, token: string | undefined, connections: number, seconds: number) {
  const result = await autocannon({ url, headers: token ? { authorization: `Bearer ${token}` } : {}, connections, duration: seconds });
  return {
    connections,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requestsPerSecond: Math.round(result.requests.average),
    errors: result.errors + result.non2xx,
  };
}

/**
 * Pages at the newest, middle and oldest positions, one connection (the latency of a page) and
 * eight (a loaded server); next to GET /api/health, a route handler with one `select 1`: the floor
 * of a request through Next.js on this machine.
 */
export async function historyPages(baseUrl: string, conversationId: string, token: string, count: number, seconds: number) {
  const positions = { newest: '', middle: `&before=${Math.floor(count / 2)}`, oldest: '&after=0' };
  const rows = [];
  for (const connections of [1, 8]) {
    rows.push({ position: 'GET /api/health (baseline)', ...(await cannon(`${baseUrl}/api/health`, undefined, connections, seconds)) });
    for (const [position, query] of Object.entries(positions)) {
      rows.push({ position, ...(await cannon(`${baseUrl}/api/conversations/${conversationId}/messages?limit=50${query}`, token, connections, seconds)) });
    }
  }
  return rows;
}
