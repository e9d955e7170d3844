// What the browser decides about files before it uploads them, and how it shows them after.
import { describe, expect, it } from 'vitest';
import { admitFiles, attachmentKind, fileLabel, formatBytes, messagePreview, reservedSize } from '@/lib/client/files';
import { addPending } from '@/lib/client/pending';
import { conversationImages } from '@/lib/client/selectors';
import { at, stateWith } from './chat-fixtures';

const limits = { uploadBytes: 1024 * 1024, attachmentsPerMessage: 3 };
const file = (name: string, size = 10) => ({ name, size });

describe('file sizes for people', () => {
  it('counts in binary steps with at most one decimal', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(25 * 1024 * 1024)).toBe('25 MB');
    expect(formatBytes(5.25 * 1024 * 1024)).toBe('5.3 MB');
  });
});

describe('admitting picked files', () => {
  it('refuses a file over the upload limit, naming the limit, and keeps the others', () => {
    const { accepted, refusals } = admitFiles([file('big.bin', 2 * 1024 * 1024), file('a.txt')], 0, limits);
    expect(accepted.map((f) => f.name)).toEqual(['a.txt']);
    expect(refusals).toEqual(['“big.bin” (2 MB) is larger than the 1 MB limit for a file.']);
  });

  it('takes no more than a message can carry, counting the files already held', () => {
    const { accepted, refusals } = admitFiles([file('a'), file('b'), file('c')], 1, limits);
    expect(accepted.map((f) => f.name)).toEqual(['a', 'b']);
    expect(refusals).toEqual(['A message can carry at most 3 files; “c” was not added.']);
    expect(admitFiles([file('x'), file('y')], 3, limits).refusals).toEqual(['A message can carry at most 3 files; 2 files were not added.']);
  });
});

describe('showing attachments', () => {
  it('shows images with a thumbnail inline, gives video and audio a player, and a card to the rest', () => {
    expect(attachmentKind({ contentType: 'image/png', thumbnailUrl: '/t' })).toBe('image');
    expect(attachmentKind({ contentType: 'image/svg+xml', thumbnailUrl: null })).toBe('file');
    expect(attachmentKind({ contentType: 'video/mp4', thumbnailUrl: null })).toBe('video');
    expect(attachmentKind({ contentType: 'audio/mpeg', thumbnailUrl: null })).toBe('audio');
    expect(attachmentKind({ contentType: 'application/pdf', thumbnailUrl: null })).toBe('file');
  });

  it('labels a file card by its extension, else by its kind', () => {
    expect(fileLabel('application/pdf', 'report.final.pdf')).toBe('PDF');
    expect(fileLabel('application/octet-stream', 'archive.tar.gz')).toBe('GZ');
    expect(fileLabel('text/plain', 'README')).toBe('TXT');
    expect(fileLabel('application/octet-stream', 'blob')).toBe('FILE');
  });

  it('reserves a box of the image’s own proportions, never larger than the image', () => {
    expect(reservedSize({ width: 1600, height: 800 })).toEqual({ width: 320, height: 160 });
    expect(reservedSize({ width: 600, height: 1200 })).toEqual({ width: 160, height: 320 });
    expect(reservedSize({ width: 40, height: 30 })).toEqual({ width: 40, height: 30 });
    expect(reservedSize({ width: null, height: null })).toEqual({ width: 320, height: 240 });
  });

  it('previews a files-only message by what it carries', () => {
    expect(messagePreview({ body: 'hello', attachments: [{ name: 'a.png' }] })).toBe('hello');
    expect(messagePreview({ body: '', attachments: [{ name: 'photo.png' }] })).toBe('📎 photo.png');
    expect(messagePreview({ body: '', attachments: [{ name: 'a' }, { name: 'b' }] })).toBe('📎 2 files');
    expect(messagePreview({ body: 'plain', attachments: [] })).toBe('plain');
  });
});

describe('a send with files', () => {
  it('shows its attachments while pending, and may have no text', () => {
    const photo = {
      id: 'a1',
      name: 'photo.png',
      contentType: 'image/png',
      size: 10,
      width: 4,
      height: 3,
      url: '/api/attachments/a1',
      thumbnailUrl: '/api/attachments/a1/thumbnail',
    };
    const state = addPending(stateWith([1]), { clientId: 'k1', conversationId: 'c1', body: '', attachments: [photo], createdAt: at(9) });
    expect(state.messages['local:k1']).toMatchObject({ body: '', attachments: [photo], status: 'sending' });
    expect(conversationImages(state, 'c1')).toEqual([photo]);
  });
});
