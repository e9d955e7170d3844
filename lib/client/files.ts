// What the browser decides about files before and after they are uploaded: sizes for people,
// how an attachment is shown, and which picked files the composer refuses (and why).
import 'client-only';
import type { Attachment } from '@/lib/schemas/responses';

const units = ['KB', 'MB', 'GB'];

/** 1536 → "1.5 KB"; binary steps, because that is how the server's limits are set (25 MiB). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || Number.isInteger(value) ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export type AttachmentKind = 'image' | 'video' | 'audio' | 'file';

/** Images with a thumbnail show inline; video and audio get the browser's own players. */
export function attachmentKind(a: Pick<Attachment, 'contentType' | 'thumbnailUrl'>): AttachmentKind {
  if (a.contentType.startsWith('image/') && a.thumbnailUrl) return 'image';
  if (a.contentType.startsWith('video/')) return 'video';
  if (a.contentType.startsWith('audio/')) return 'audio';
  return 'file';
}

/** A short label for a file's icon ("PDF", "ZIP", "MP4"): its extension when it has a sensible one, else its kind. */
export function fileLabel(contentType: string, name: string): string {
  const ext = /\.([a-z0-9]{1,4})$/i.exec(name)?.[1];
  if (ext) return ext.toUpperCase();
  if (contentType === 'application/pdf') return 'PDF';
  if (contentType.startsWith('image/')) return 'IMG';
  if (contentType.startsWith('video/')) return 'VID';
  if (contentType.startsWith('audio/')) return 'AUD';
  if (contentType.startsWith('text/')) return 'TXT';
  return 'FILE';
}

/** The box an inline image takes before it loads: its own proportions, at most `max` px on either side. */
export function reservedSize(a: Pick<Attachment, 'width' | 'height'>, max = 320): { width: number; height: number } {
  if (!a.width || !a.height) return { width: max, height: Math.round((max * 3) / 4) };
  const scale = Math.min(1, max / a.width, max / a.height);
  return { width: Math.max(1, Math.round(a.width * scale)), height: Math.max(1, Math.round(a.height * scale)) };
}

export type Limits = { uploadBytes: number; attachmentsPerMessage: number };

/** Which of the newly picked files the composer takes, and a message for those it refuses. */
export function admitFiles<F extends { name: string; size: number }>(picked: F[], alreadyHeld: number, limits: Limits): { accepted: F[]; refusals: string[] } {
  const refusals: string[] = [];
  const fitting: F[] = [];
  for (const f of picked) {
    if (f.size > limits.uploadBytes)
      refusals.push(`“${f.name}” (${formatBytes(f.size)}) is larger than the ${formatBytes(limits.uploadBytes)} limit for a file.`);
    else fitting.push(f);
  }
  const room = Math.max(0, limits.attachmentsPerMessage - alreadyHeld);
  if (fitting.length > room) {
    const left = fitting.length - room;
    refusals.push(
      `A message can carry at most ${limits.attachmentsPerMessage} files; ${left === 1 ? `“${fitting[room].name}” was` : `${left} files were`} not added.`,
    );
  }
  return { accepted: fitting.slice(0, room), refusals };
}

/** The conversation list's line for a message: its text, or what it carries when it is files only. */
export function messagePreview(m: { body: string | null; attachments: Pick<Attachment, 'name'>[] }): string {
  const text = m.body?.trim() ?? '';
  if (text || m.attachments.length === 0) return m.body ?? '';
  return m.attachments.length === 1 ? `📎 ${m.attachments[0].name}` : `📎 ${m.attachments.length} files`;
}
