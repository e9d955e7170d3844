// An SMTP server in the test process (smtp-server, no TLS, any or no login) on 127.0.0.1 and a
// free port: every message the app sends is parsed (mailparser) and kept by recipient, so a test
// can await the next one for an address, read its links, and check that no other one came.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Mail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** Each header as sent (lower-case name → unfolded value); mailparser's own `headers` restructures some (List-*). */
  headers: Map<string, string>;
  /** Every http(s) link in the text part, in order. */
  links: string[];
};

export type SmtpSink = {
  port: number;
  url: string;
  /** The next message to `address` not yet taken (already here, or within `timeoutMs`). */
  next: (address: string, timeoutMs?: number) => Promise<Mail>;
  /** Messages to `address` not yet taken, without waiting. */
  waiting: (address: string) => Mail[];
  /** How many messages arrived in all. */
  count: () => number;
  stop: () => Promise<void>;
};

function toMail(parsed: ParsedMail): Mail {
  const to = (Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : []).flatMap((a) => a.value.map((v) => (v.address ?? '').toLowerCase()));
  const text = parsed.text ?? '';
  return {
    to,
    subject: parsed.subject ?? '',
    text,
    html: typeof parsed.html === 'string' ? parsed.html : '',
    headers: new Map(
      parsed.headerLines.map((h) => [
        h.key,
        h.line
          .slice(h.line.indexOf(':') + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      ]),
    ),
    links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
  };
}

/**
 * `dir`: each message is also written there as JSON (the Playwright suite's server and its
 * tests run in other processes than the one that holds this server; they read it with `mailIn`).
 */
export async function startSmtp(options: { dir?: string } = {}): Promise<SmtpSink> {
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const inbox = new Map<string, Mail[]>();
  const waiters = new Map<string, ((mail: Mail) => void)[]>();
  let total = 0;
  const deliver = (mail: Mail) => {
    total++;
    if (options.dir)
      writeFileSync(path.join(options.dir, `${Date.now()}-${total}.json`), JSON.stringify({ ...mail, headers: Object.fromEntries(mail.headers) }));
    for (const address of mail.to) {
      const waiting = waiters.get(address);
      if (waiting?.length) waiting.shift()!(mail);
      else inbox.set(address, [...(inbox.get(address) ?? []), mail]);
    }
  };
  const server = new SMTPServer({
    authOptional: true,
    secure: false,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          deliver(toMail(parsed));
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    next: (address, timeoutMs = 15_000) => {
      const key = address.toLowerCase();
      const queued = inbox.get(key);
      if (queued?.length) return Promise.resolve(queued.shift()!);
      return new Promise<Mail>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.set(
            key,
            (waiters.get(key) ?? []).filter((w) => w !== take),
          );
          reject(new Error(`no email to ${address} within ${timeoutMs} ms`));
        }, timeoutMs);
        const take = (mail: Mail) => {
          clearTimeout(timer);
          resolve(mail);
        };
        waiters.set(key, [...(waiters.get(key) ?? []), take]);
      });
    },
    waiting: (address) => inbox.get(address.toLowerCase()) ?? [],
    count: () => total,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first message to `address` (whose subject matches `subject`) written to `dir` by a sink started with it, waiting up to `timeoutMs`. */
export async function mailIn(dir: string, address: string, subject = /./, timeoutMs = 15_000): Promise<Mail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const file of readdirSync(dir).sort()) {
      const mail = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Omit<Mail, 'headers'> & { headers: Record<string, string> };
      if (mail.to.includes(address.toLowerCase()) && subject.test(mail.subject)) return { ...mail, headers: new Map(Object.entries(mail.headers)) };
    }
    if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
