// The emoji data this server hands the picker and the shortcode autocomplete (no CDN), and the
// reply bar the composer shows above a reply.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { quoteLine, ReplyPreview } from '@/components/chat/composer/ReplyPreview';
import { emojiFile, type ShortcodeEntry } from '@/lib/emoji/emojibase';
import { message } from './chat-fixtures';

describe('emoji data', () => {
  it('serves the shortcode index with GitHub-style codes and one spelling per emoji', async () => {
    const file = await emojiFile('en', 'shortcodes.json')!;
    const index = JSON.parse(file.body) as ShortcodeEntry[];
    const thumbs = index.find(([, , codes]) => codes.includes('thumbsup'))!;
    expect(thumbs[0]).toBe('\u{1F44D}');
    expect(thumbs[2]).toContain('+1');
    expect(index.find(([, , codes]) => codes.includes('tada'))?.[0]).toBe('🎉');
    // Skin-tone swatches and hair parts are not emoji to pick.
    expect(index.some(([, label]) => label === 'medium skin tone')).toBe(false);
    expect(file.etag).toMatch(/^"[\w-]{27}"$/);
    expect((await emojiFile('en', 'shortcodes.json')!).etag).toBe(file.etag);
  });

  it("serves emojibase's own files for the picker, and nothing else", async () => {
    const data = JSON.parse((await emojiFile('en', 'data.json')!).body) as { hexcode: string }[];
    expect(data.some((e) => e.hexcode === '1F44D')).toBe(true);
    expect(JSON.parse((await emojiFile('en', 'messages.json')!).body)).toHaveProperty('groups');
    for (const [locale, file] of [
      ['fr', 'data.json'],
      ['en', 'compact.json'],
      ['en', 'constructor'],
      ['en', '../package.json'],
    ])
      expect(emojiFile(locale, file)).toBeNull();
  });
});

describe('the reply bar', () => {
  it('names the person and quotes the first line of the message', () => {
    const html = renderToStaticMarkup(createElement(ReplyPreview, { message: message(3, { body: 'First line\nsecond line' }), onCancel: vi.fn() }));
    expect(html).toContain('Replying to <bdi>Name u-ann</bdi>');
    expect(html).toContain('First line');
    expect(html).not.toContain('second line');
    expect(html).toContain('aria-label="Cancel reply"');
  });

  it('says what stands for a message with no text', () => {
    const file = { id: 'a1', name: 'plan.pdf', contentType: 'application/pdf', size: 1, width: null, height: null, url: '/x', thumbnailUrl: null };
    expect(quoteLine(message(1, { body: '', attachments: [file] }))).toBe('📎 plan.pdf');
    expect(quoteLine(message(1, { body: '', attachments: [file, { ...file, id: 'a2' }] }))).toBe('📎 2 files');
    expect(quoteLine(message(1, { body: null, deletedAt: new Date().toISOString() }))).toBe('Original deleted');
    expect(renderToStaticMarkup(createElement(ReplyPreview, { message: message(1, { sender: null }), onCancel: vi.fn() }))).toContain('Deleted account');
  });
});
