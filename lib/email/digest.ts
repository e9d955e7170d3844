// The missed-messages email. The notification module owes one (`owedDigest`) when a message
// notifies someone with a verified address; EMAIL_NOTIFY_AFTER_MINUTES later, the digest job
// takes the row, once, and writes one email about what is still unread since then, in the
// conversations whose level lets it through. Taking is one statement that deletes the due rows
// under a transaction-scoped advisory lock, so one process takes at a time and no row is sent
// twice; the sending follows outside any transaction (an SMTP server may be slow). A failed send
// puts the row back for later, and gives up once it is half a day old.
import { query, type Database, type Transaction } from '@/db/client';
import { getConfig } from '@/lib/config';
import { describeError, log } from '@/lib/log';
import { startSweep } from '@/lib/maintenance/schedule';
import { digestTemplate, type DigestConversation } from './templates';
import { unsubscribeToken } from './tokens';
import { requireEmail, sendEmail } from './transport';

export const EMAIL_DIGEST_LOCK = 7_346_203;
/** Rows taken per statement. */
const BATCH = 100;
/** Conversations listed in one email (the rest are counted), and message excerpts per conversation. */
const MAX_CONVERSATIONS = 10;
const EXCERPTS = 3;
/** A digest that could not be sent is retried after about its age (at least a minute, at most an hour), until it is this old. */
const GIVE_UP_MS = 12 * 60 * 60 * 1000;

/** Whom the missed-messages email may reach: a verified address, email notifications on, not in do not disturb. */
const reachable = `u.email is not null and u.email_notifications and (u.dnd_until is null or u.dnd_until <= now())`;

const oweStatement = `insert into email_digests (user_id, since, due_at)
  select u.id, $2::timestamptz, now() + make_interval(secs => $3::float8)
  from users u
  where u.id in (select value::uuid from json_array_elements_text($1::text::json)) and ${reachable}
  on conflict (user_id) do nothing`;

/**
 * Owes each of `userIds` a missed-messages email about what they have unread since `since`, due
 * EMAIL_NOTIFY_AFTER_MINUTES from now: one statement however many people, on the caller's
 * transaction when given. Someone already owed one keeps theirs (its `since` is earlier, its
 * email sooner). Those who cannot be reached (no verified address, email notifications off, do
 * not disturb) are skipped here too, so a caller may pass everyone a message notified. Nothing
 * happens when email is off (no SMTP_URL).
 */
export async function owedDigest(within: Database | Transaction | undefined, userIds: string[], since: Date): Promise<void> {
  const email = getConfig().email;
  if (!email || userIds.length === 0) return;
  await query(oweStatement, [JSON.stringify(userIds), since.toISOString(), email.notifyAfterMs / 1000], within);
}

type Owed = { userId: string; since: string };

const takeStatement = `with lock as (
  select pg_try_advisory_xact_lock(${EMAIL_DIGEST_LOCK}) as held
), taken as (
  delete from email_digests where user_id in (
    select user_id from email_digests where (select held from lock) and due_at <= now() order by due_at limit ${BATCH} for update skip locked
  )
  returning user_id, since
)
select (select held from lock) as held,
  coalesce((select json_agg(json_build_object('userId', user_id, 'since', since)) from taken), '[]') as owed`;

/** What each owed person still has unread: per conversation the count, and the newest few messages. */
const unreadStatement = `with owed as (
  select (value->>'userId')::uuid as user_id, (value->>'since')::timestamptz as since from json_array_elements($1::text::json)
), unread as (
  select cm.user_id, m.conversation_id, m.seq, m.body, m.sender_id,
    row_number() over (partition by cm.user_id, m.conversation_id order by m.seq desc) as rank,
    count(*) over (partition by cm.user_id, m.conversation_id) as n,
    max(m.seq) over (partition by cm.user_id, m.conversation_id) as newest,
    max(m.created_at) over (partition by cm.user_id, m.conversation_id) as latest
  from owed o
  join users u on u.id = o.user_id and ${reachable}
  join conversation_members cm on cm.user_id = o.user_id and cm.notify <> 'none'
  join messages m on m.conversation_id = cm.conversation_id and m.seq > cm.last_read_seq
  where m.created_at >= o.since and m.deleted_at is null and m.sender_id is distinct from cm.user_id
    and (cm.notify = 'all' or cm.user_id = any(m.mentions))
)
select x.user_id as "userId", x.conversation_id as "conversationId", x.n::int as count, x.body,
  coalesce(s.display_name, 'Deleted account') as sender, c.title,
  (select ou.display_name from conversation_members om join users ou on ou.id = om.user_id
   where om.conversation_id = c.id and om.user_id <> x.user_id order by om.created_at limit 1) as other
from unread x
join conversations c on c.id = x.conversation_id
left join users s on s.id = x.sender_id
where x.rank <= ${EXCERPTS}
order by x.user_id, x.latest desc, x.conversation_id, x.seq`;

type UnreadRow = { userId: string; conversationId: string; count: number; body: string | null; sender: string; title: string | null; other: string | null };

type Recipient = { id: string; email: string; displayName: string };

export type DigestSweepResult = { sent: number; empty: number; failed: number };

/** One sweep: takes every due row and sends what is owed; null when another process holds the lock. */
export async function sweepDigests(): Promise<DigestSweepResult | null> {
  const result: DigestSweepResult = { sent: 0, empty: 0, failed: 0 };
  for (;;) {
    const [row] = await query<{ held: boolean; owed: Owed[] | string }>(takeStatement);
    if (!row.held) return null;
    const owed: Owed[] = typeof row.owed === 'string' ? JSON.parse(row.owed) : row.owed;
    if (owed.length > 0) {
      // Taken rows are gone: if what they owe cannot even be worked out (the database went away), they go back.
      await sendDigests(owed, result).catch(async (error: unknown) => {
        await owedAgain(owed, error);
        throw error;
      });
    }
    if (owed.length < BATCH) return result;
  }
}

async function sendDigests(owed: Owed[], result: DigestSweepResult): Promise<void> {
  const unread = await query<UnreadRow>(unreadStatement, [JSON.stringify(owed)]);
  const recipients = new Map(
    (
      await query<Recipient>(
        `select id, email, display_name as "displayName" from users u where u.id in (select value::uuid from json_array_elements_text($1::text::json)) and ${reachable}`,
        [JSON.stringify(owed.map((o) => o.userId))],
      )
    ).map((r) => [r.id, r]),
  );
  for (const { userId, since } of owed) {
    const recipient = recipients.get(userId);
    const rows = unread.filter((r) => r.userId === userId);
    // Read meanwhile, unreachable now (address removed, unsubscribed, do not disturb): nothing is owed any more.
    if (!recipient || rows.length === 0) {
      result.empty++;
      continue;
    }
    try {
      const messageId = await sendEmail({ to: recipient.email, ...digestFor(recipient, rows) });
      result.sent++;
      log.info('missed-messages email sent', { userId, messageId });
    } catch (error) {
      result.failed++;
      await owedAgain([{ userId, since }], error);
    }
  }
}

function digestFor(recipient: Recipient, rows: UnreadRow[]) {
  const { appUrl } = requireEmail();
  const byConversation = new Map<string, DigestConversation>();
  for (const r of rows) {
    let c = byConversation.get(r.conversationId);
    if (!c) {
      c = { title: r.title ?? r.other ?? 'A conversation', count: r.count, link: `${appUrl}/chat/${r.conversationId}`, excerpts: [] };
      byConversation.set(r.conversationId, c);
    }
    // Rows come oldest first within a conversation.
    c.excerpts.push({ sender: r.sender, body: r.body?.trim() ? r.body : '(an attachment)' });
  }
  const all = [...byConversation.values()];
  const listed = all.slice(0, MAX_CONVERSATIONS);
  const more = all.slice(MAX_CONVERSATIONS).reduce((n, c) => n + c.count, 0);
  const token = encodeURIComponent(unsubscribeToken(recipient.id));
  const rendered = digestTemplate({
    instance: getConfig().instanceName,
    name: recipient.displayName,
    conversations: listed,
    more,
    unsubscribe: `${appUrl}/unsubscribe?token=${token}`,
    settings: `${appUrl}/settings`,
  });
  return {
    ...rendered,
    // RFC 8058 one-click: a mail client POSTs `List-Unsubscribe=One-Click` to the https link.
    headers: { 'List-Unsubscribe': `<${appUrl}/api/notifications/unsubscribe?token=${token}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/**
 * Puts digests that could not be sent back, each due again after about its age (at least a minute,
 * at most an hour); one older than GIVE_UP_MS is dropped instead. One statement for all of them.
 */
async function owedAgain(owed: Owed[], error: unknown): Promise<void> {
  const now = Date.now();
  const retry = owed.filter((o) => now - Date.parse(o.since) <= GIVE_UP_MS);
  const dropped = owed.length - retry.length;
  log.warn('missed-messages email failed', { users: owed.length, retrying: retry.length, dropped, error: describeError(error) });
  if (retry.length === 0) return;
  const rows = retry.map((o) => ({ ...o, retryInSeconds: Math.min(3600, Math.max(60, (now - Date.parse(o.since)) / 1000)) }));
  await query(
    `insert into email_digests (user_id, since, due_at)
     select u.id, (j.value->>'since')::timestamptz, now() + make_interval(secs => (j.value->>'retryInSeconds')::float8)
     from json_array_elements($1::text::json) as j
     join users u on u.id = (j.value->>'userId')::uuid
     on conflict (user_id) do update set since = least(email_digests.since, excluded.since)`,
    [JSON.stringify(rows)],
  ).catch((e) => log.warn('missed-messages emails could not be put back', { users: rows.length, error: describeError(e) }));
}

/** Looks for due digests now and every EMAIL_SWEEP_SECONDS; once per process, and only when email is on. */
export function startEmailDigests(): void {
  const email = getConfig().email;
  if (!email) return;
  startSweep('email digests', email.sweepMs, sweepDigests, (swept) => (swept && swept.sent + swept.failed > 0 ? swept : null));
}
