// The emails we send, each as plain text and HTML. Names, titles and message bodies come from
// users: every value put into the HTML goes through `escapeHtml`, links included, and the plain
// text has its line breaks folded so a display name cannot start a fake paragraph.

export type Rendered = { subject: string; text: string; html: string };

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c]);
}

/** One line of user text for a subject or a plain-text line: no line breaks or control characters. */
export function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** The first `max` code points of a body, on one line, with an ellipsis when cut. */
export function excerpt(body: string, max = 200): string {
  const points = [...oneLine(body)];
  return points.length <= max ? points.join('') : points.slice(0, max - 1).join('') + '…';
}

const font = 'font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif';

function button(href: string, label: string): string {
  return `<p style="margin:24px 0"><a href="${escapeHtml(href)}" style="display:inline-block;padding:10px 18px;border-radius:8px;background:#4f46e5;color:#ffffff;text-decoration:none;font-weight:600">${escapeHtml(label)}</a></p>`;
}

/** The frame every HTML email shares; `body` is HTML already escaped by the caller. */
function layout(instance: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(instance)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;color:#18181b;${font}">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e4e4e7;border-radius:12px;padding:24px">
<p style="margin:0 0 16px;font-weight:700;font-size:18px">${escapeHtml(instance)}</p>
${body}
</div>
<p style="max-width:560px;margin:16px auto 0;color:#71717a;font-size:12px">${footer}</p>
</body></html>`;
}

const ignore = 'If you did not ask for this, you can ignore this email.';

export function verifyEmailTemplate(o: { instance: string; name: string; link: string }): Rendered {
  const instance = oneLine(o.instance);
  return {
    subject: `Confirm your email address for ${instance}`,
    text: `Hello ${oneLine(o.name)},\n\nConfirm this address for your ${instance} account by opening the link below (it works once, for one hour):\n\n${o.link}\n\n${ignore}\n`,
    html: layout(
      instance,
      `<p>Hello ${escapeHtml(oneLine(o.name))},</p><p>Confirm this address for your ${escapeHtml(instance)} account. The link works once, for one hour.</p>${button(o.link, 'Confirm email address')}<p style="color:#52525b;font-size:13px;word-break:break-all">Or open: ${escapeHtml(o.link)}</p>`,
      escapeHtml(ignore),
    ),
  };
}

export function resetPasswordTemplate(o: { instance: string; username: string; link: string }): Rendered {
  const instance = oneLine(o.instance);
  const note = 'Choosing a new password signs you out everywhere and revokes your API tokens.';
  return {
    subject: `Reset your ${instance} password`,
    text: `Someone asked to reset the password of @${oneLine(o.username)} on ${instance}. Open the link below to choose a new one (it works once, for one hour):\n\n${o.link}\n\n${note}\n${ignore} Your password stays as it is.\n`,
    html: layout(
      instance,
      `<p>Someone asked to reset the password of <strong>@${escapeHtml(oneLine(o.username))}</strong>. The link works once, for one hour.</p>${button(o.link, 'Choose a new password')}<p style="color:#52525b;font-size:13px">${escapeHtml(note)}</p><p style="color:#52525b;font-size:13px;word-break:break-all">Or open: ${escapeHtml(o.link)}</p>`,
      `${escapeHtml(ignore)} Your password stays as it is.`,
    ),
  };
}

export type DigestConversation = {
  title: string;
  count: number;
  link: string;
  /** The newest few, oldest first. */
  excerpts: { sender: string; body: string }[];
};

export function digestTemplate(o: {
  instance: string;
  name: string;
  conversations: DigestConversation[];
  more: number;
  unsubscribe: string;
  settings: string;
}): Rendered {
  const instance = oneLine(o.instance);
  const total = o.conversations.reduce((n, c) => n + c.count, 0) + o.more;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const subject =
    o.conversations.length === 1 && o.more === 0
      ? `${plural(total, 'unread message')} in ${excerpt(o.conversations[0].title, 60)}`
      : `${plural(total, 'unread message')} on ${instance}`;
  const textParts = o.conversations.map(
    (c) =>
      `${oneLine(c.title)} — ${plural(c.count, 'new message')}\n${c.excerpts.map((e) => `  ${oneLine(e.sender)}: ${excerpt(e.body)}`).join('\n')}\n  ${c.link}`,
  );
  const moreText = o.more > 0 ? `\n…and ${plural(o.more, 'more message')} in other conversations.\n` : '';
  const htmlParts = o.conversations.map(
    (c) => `<div style="border-top:1px solid #e4e4e7;padding:12px 0">
<p style="margin:0 0 6px"><a href="${escapeHtml(c.link)}" style="color:#4338ca;font-weight:600;text-decoration:none">${escapeHtml(oneLine(c.title))}</a> <span style="color:#71717a">· ${escapeHtml(plural(c.count, 'new message'))}</span></p>
${c.excerpts.map((e) => `<p style="margin:2px 0;color:#3f3f46"><strong>${escapeHtml(oneLine(e.sender))}:</strong> ${escapeHtml(excerpt(e.body))}</p>`).join('\n')}
</div>`,
  );
  const footerText = `You get these because email notifications are on for your account. Unsubscribe: ${o.unsubscribe}\nSettings: ${o.settings}`;
  return {
    subject,
    text: `Hello ${oneLine(o.name)}, you have ${plural(total, 'unread message')} on ${instance}:\n\n${textParts.join('\n\n')}\n${moreText}\n${footerText}\n`,
    html: layout(
      instance,
      `<p>Hello ${escapeHtml(oneLine(o.name))}, you have ${escapeHtml(plural(total, 'unread message'))}:</p>${htmlParts.join('\n')}${o.more > 0 ? `<p style="color:#52525b">…and ${escapeHtml(plural(o.more, 'more message'))} in other conversations.</p>` : ''}`,
      `You get these because email notifications are on for your account. <a href="${escapeHtml(o.unsubscribe)}" style="color:#52525b">Unsubscribe</a> · <a href="${escapeHtml(o.settings)}" style="color:#52525b">Settings</a>`,
    ),
  };
}
