// Hostile text everywhere a person can put text — display names, bios, group titles, message
// bodies — viewed by another person in a real browser: nothing may run. A test hook counts any
// execution (payloads call xss()), dialogs are caught, and the DOM is checked for live markup.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { parseMarkdown, plainText } from '@/lib/messages/markdown';
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
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(document.domain)>',
  '<img src=x onerror="window.__xss=99">',
  '<a href="javascript:alert(1)">click</a>',
  '[x](javascript:alert(1))',
  '<iframe srcdoc="<script>parent.__xss=99</script>">',
  '<img src=x onerror=xss()\u0009>',
];

/**
 * Markdown-shaped: links, images and autolinks with hostile targets, HTML inside Markdown and
 * Markdown inside HTML, code that tries to close its own block, nesting past the parser's depth.
 */
const markdown = [
  '[x](JAVASCRIPT:xss())',
  '[x](  javascript:xss())',
  '[x](java\tscript:xss())',
  '[x](&#106;avascript:xss())',
  '[x](javascript:xss() "title")',
  '[x](<javascript:xss()>)',
  '[x](data:text/html,<script>xss()</script>)',
  '[x](data:text/html;base64,PHNjcmlwdD54c3MoKTwvc2NyaXB0Pg==)',
  '[x](vbscript:xss())',
  '[x][r]\n\n[r]: javascript:xss()',
  '![x](javascript:xss())',
  '![x](https://example.com/x.png" onerror="xss())',
  '![x](x)<img src=x onerror=xss()>',
  '<javascript:xss()>',
  '<mailto:a@b.example?body=<script>xss()</script>>',
  '<https://a.example/"onmouseover="xss()>',
  '<https://a.example/"><img src=x onerror=xss()>>',
  'https://x.example/"><svg onload=xss()>',
  "https://x.example/'><img src=x onerror=xss()>",
  '[x](https://example.com/%22onmouseover=%22xss())',
  '[<img src=x onerror=xss()>](https://example.com)',
  '[link](https://example.com "<img src=x onerror=xss()>")',
  '[[[[[x](javascript:xss())]]]]',
  '**<img src=x onerror=xss()>**',
  '*<svg onload=xss()>*',
  '~~<script>xss()</script>~~',
  '`<script>xss()</script>`',
  '``<img src=x onerror=xss()>``',
  '```\n</code></pre><script>xss()</script>\n```',
  '```"><img src=x onerror=xss()>\nx\n```',
  '```html\n<img src=x onerror=xss()>\n```',
  '> <iframe src="javascript:xss()">',
  '> > > <svg onload=xss()>',
  '- <details open ontoggle=xss()>',
  '1. <img src=x onerror=xss()>\n2. [x](javascript:xss())',
  '<b onclick=xss()>**x**</b>',
  '<a href="https://example.com">[x](javascript:xss())</a>',
  '[x](https://example.com)<script>xss()</script>',
  '@<img src=x onerror=xss()>',
  '`@alice` <img src=x onerror=xss()>',
  '# <img src=x onerror=xss()>',
  '| <img src=x onerror=xss()> |\n|---|\n| x |',
  '<div>\n\n**x**\n\n</div>',
  '\\<img src=x onerror=xss()>',
  '*'.repeat(50) + '<img src=x onerror=xss()>' + '*'.repeat(50),
  '> '.repeat(40) + '<img src=x onerror=xss()>',
  '- '.repeat(40) + '[x](javascript:xss())',
];

const payloads = [...new Set([...special, ...markdown, ...tags.flatMap((tag) => handlers.map((h) => `<${tag} ${h}=xss() src=x autofocus tabindex=1>`))])];
/**
 * What the schemas refuse at the door (a bidi override anywhere, a tab in a name or title) is still
 * sent, and must get a 400; the rest must be shown as the text it is.
 */
const accepts = (schema: { safeParse: (v: unknown) => { success: boolean } }) => (payload: string) => schema.safeParse(payload).success;
const accepted = payloads.filter(accepts(messageBody));

test.setTimeout(480_000);

test(`${payloads.length} XSS payloads as names, bios, titles, messages and file names run nothing in another person's browser`, async ({
  browser,
  request,
}) => {
  expect(payloads.length).toBeGreaterThanOrEqual(300);
  const login = async (username: string) => {
    const reply = await request.post('/api/auth/token', { data: { username, password: PASSWORD } });
    expect(reply.status(), `sign-in of ${username}`).toBe(200);
    return (await reply.json()).token as string;
  };

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
  const groupIds: string[] = [];
  for (const [i, title] of titles.entries()) {
    const memberIds = i === 0 ? [victim.id, ...attackers.slice(1).map((a) => a.id)] : [victim.id];
    const reply = await request.post('/api/conversations', { data: { type: 'group', title, memberIds }, headers: auth });
    expect(reply.status()).toBe(201);
    groupIds.push((await reply.json()).conversation.id);
  }
  const mainGroup = groupIds[0];
  // Every payload as a message body, from several attackers.
  for (const [i, body] of payloads.entries()) {
    const from = attackers[i % attackers.length];
    const reply = await request.post(`/api/conversations/${mainGroup}/messages`, { data: { body }, headers: { Authorization: `Bearer ${from.token}` } });
    expect(reply.status()).toBe(accepts(messageBody)(body) ? 201 : 400);
  }

  // Files named after payloads (names keep everything but paths, control and bidi characters), in
  // the second group: images (shown inline and in the lightbox) and plain files (shown as cards).
  const filesGroup = groupIds[1];
  const fileNames = payloads.filter((p) => !/[\\/\p{Cc}\p{Cf}]/u.test(p) && [...p].length <= 180).slice(0, 40);
  const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
  const uploaded: string[] = [];
  for (const [i, name] of fileNames.entries()) {
    const reply = await request.post(`/api/uploads?name=${encodeURIComponent(name)}`, {
      data: i % 2 === 0 ? tinyPng : Buffer.from(`file ${i}`),
      headers: { ...auth, 'Content-Type': 'application/octet-stream' },
    });
    expect(reply.status(), `upload named ${name}`).toBe(201);
    uploaded.push((await reply.json()).attachment.id);
  }
  for (let i = 0; i < uploaded.length; i += 10) {
    const reply = await request.post(`/api/conversations/${filesGroup}/messages`, {
      data: { body: '', attachmentIds: uploaded.slice(i, i + 10) },
      headers: auth,
    });
    expect(reply.status()).toBe(201);
  }

  // Twice: once as served (the nonce CSP is a second wall), and once with the CSP taken off by the
  // test itself, so that what is proven is the escaping, not the CSP.
  await inspectEverything(victim.page, { groupIds, attackers, accepted, members: attackers.length + 1 }, 'with the CSP');
  // Playwright's bypassCSP: the page runs with no Content-Security-Policy at all.
  const bare = await person(browser, request, 'Bare', { bypassCSP: true });
  expect((await request.post(`/api/conversations/${mainGroup}/members`, { data: { userIds: [bare.id] }, headers: auth })).status()).toBe(200);
  expect((await request.post(`/api/conversations/${filesGroup}/members`, { data: { userIds: [bare.id] }, headers: auth })).status()).toBe(200);
  expect(await bare.page.evaluate(() => eval('1 + 1')), 'the CSP is off on this page (it forbids eval)').toBe(2);
  await inspectEverything(bare.page, { groupIds: [mainGroup, filesGroup], attackers, accepted, members: attackers.length + 2 }, 'without a CSP');
});

type Expectations = { groupIds: string[]; attackers: { id: string }[]; accepted: string[]; members: number };

/**
 * Visits every page where the payloads show, for one viewer: the conversation list, each payload
 * group and its members, people, every attacker's profile, settings. On each page, before leaving
 * it, it reads what ran and scans the DOM for live markup; the findings of all pages must be empty.
 */
async function inspectEverything(page: Page, { groupIds, attackers, accepted, members }: Expectations, how: string) {
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
    if (response.request().resourceType() !== 'document' || how !== 'with the CSP') return;
    const h = response.headers();
    const scriptSrc = (h['content-security-policy'] ?? '').split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    if (!/'nonce-/.test(scriptSrc) || scriptSrc.includes('unsafe-inline')) headerProblems.push(`${response.url()}: script-src ${scriptSrc}`);
    if (!(h['content-security-policy'] ?? '').includes("frame-ancestors 'none'")) headerProblems.push(`${response.url()}: frame-ancestors`);
    if (h['x-content-type-options'] !== 'nosniff') headerProblems.push(`${response.url()}: nosniff`);
    if (!h['referrer-policy']) headerProblems.push(`${response.url()}: referrer-policy`);
  });
  const findings: string[] = [];
  const pagesChecked: string[] = [];
  /** What ran on this page, and what live markup user text made: read before leaving it. */
  const check = async (where: string) => {
    await page.waitForTimeout(200); // let handlers that would fire on load or focus fire
    const executed = await page.evaluate(() => (window as unknown as { __xss: number }).__xss);
    if (executed !== 0) findings.push(`${where}: ${executed} payloads ran`);
    for (const found of await liveMarkup(page)) findings.push(`${where}: ${found}`);
    pagesChecked.push(where);
  };

  await visit(page, '/chat');
  await expect(page.getByTestId('conversation-item')).toHaveCount(groupIds.length);
  await check('/chat (conversation list)');
  for (const [i, id] of groupIds.entries()) {
    await visit(page, `/chat/${id}`);
    await expect(page.getByTestId('conversation-name')).toBeVisible();
    if (i === 0) {
      const log = page.getByRole('log', { name: 'Messages' });
      await expect(page.getByTestId('message-body').first()).toBeVisible();
      for (let n = 0; n < 12 && !(await page.getByText('This is the beginning of the conversation.').isVisible()); n++) {
        await log.evaluate((el) => (el.scrollTop = 0));
        await page.waitForTimeout(300);
      }
      await expect(page.getByTestId('message-body')).toHaveCount(accepted.length);
      // Every payload is shown as the text it is, as Markdown reads it (`**x**` shows x): none of it
      // taken for HTML, none of it lost. Compared with runs of white space as one space.
      const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
      const shown = await page.getByTestId('message-body').evaluateAll((bodies) =>
        bodies.map((body) => {
          const copy = body.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('button').forEach((button) => button.parentElement!.remove()); // a code block's bar
          copy.querySelectorAll('p, li, pre, blockquote').forEach((block) => block.append('\n'));
          return copy.textContent ?? '';
        }),
      );
      expect(new Set(shown.map(squash))).toEqual(new Set(accepted.map((p) => squash(plainText(parseMarkdown(p))))));
      await check(`the group with every payload as a message (${how})`);
      await page.getByRole('button', { name: 'Details' }).click();
      await expect(page.getByRole('complementary', { name: 'Group details' }).getByRole('listitem')).toHaveCount(members);
      await check('its member list');
      await page.getByRole('button', { name: 'Close details' }).click();
    } else if (i === 1) {
      // The group of payload-named files: their cards, thumbnails, and the lightbox.
      await expect(page.getByTestId('attachment-file').first()).toBeVisible();
      await expect(page.getByTestId('attachment-image').first()).toBeVisible();
      await check(`the group of payload-named files (${how})`);
      await page.getByTestId('attachment-image').last().click();
      await expect(page.getByTestId('lightbox')).toBeVisible();
      await check(`the lightbox of a payload-named image (${how})`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('lightbox')).toBeHidden();
    } else {
      await check(`the payload group ${id}`);
    }
  }
  await visit(page, '/people');
  await page.getByLabel('Search people').fill('x_');
  await expect(page.getByRole('list', { name: 'People' }).getByRole('link').first()).toBeVisible();
  await check('/people, searched');
  for (const attacker of attackers) {
    await visit(page, `/users/${attacker.id}`);
    await check(`/users/${attacker.id}`);
  }
  await visit(page, '/settings');
  await check('/settings');

  expect(findings, `what ran or went live ${how}`).toEqual([]);
  expect(dialogs, `dialogs ${how}`).toEqual([]);
  expect(headerProblems).toEqual([]);
  expect(pagesChecked.length).toBe(1 + groupIds.length + 1 + 1 + 1 + attackers.length + 1);
}

/** No live markup came from user text: no inline handlers, no javascript: links, no foreign frames or scripts. */
function liveMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
        if (/^(href|src|action|formaction|data|srcdoc)$/i.test(attr.name) && /^\s*(javascript|data):/i.test(attr.value))
          found.push(`${el.tagName} ${attr.name}=${attr.value}`);
      }
      if (['IFRAME', 'OBJECT', 'EMBED', 'BASE', 'META'].includes(el.tagName) && el.closest('body')) found.push(el.tagName);
      if (el.tagName === 'SCRIPT' && !(el as HTMLScriptElement).nonce && (el as HTMLScriptElement).src === '') found.push('inline script without nonce');
    }
    return found;
  });
}
