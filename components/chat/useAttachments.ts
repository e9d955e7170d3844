'use client';

// The files a person is about to send: each uploads as soon as it is added (with progress, a
// cancel that aborts the request, and a retry), and is sent by id with the message.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/lib/client/api';
import { admitFiles, type Limits } from '@/lib/client/files';
import { serverInfo } from '@/lib/client/serverInfo';
import { uploadMultipart } from '@/lib/client/upload';
import { MAX_ATTACHMENTS } from '@/lib/schemas/conversations';
import type { Attachment } from '@/lib/schemas/responses';

export type PendingFile = {
  key: string;
  file: File;
  /** A blob: URL of an image, for its thumbnail; revoked when the file leaves the composer. */
  previewUrl: string | null;
  status: 'uploading' | 'uploaded' | 'failed';
  /** 0 to 1. */
  progress: number;
  attachment?: Attachment;
  error?: string;
};

// Used only until GET /api/server answers (or if it cannot): the server has the last word anyway.
const fallbackLimits: Limits = { uploadBytes: 25 * 1024 * 1024, attachmentsPerMessage: MAX_ATTACHMENTS };

function failureText(e: unknown): string {
  if (e instanceof ApiError && e.code === 'payload_too_large') return 'Too large for this server.';
  if (e instanceof ApiError && e.code === 'rate_limited') return `Too many uploads; try again${e.retryAfter ? ` in ${e.retryAfter} s` : ' soon'}.`;
  return e instanceof Error ? e.message : 'Upload failed.';
}

export function useAttachments() {
  const [files, setFiles] = useState<PendingFile[]>([]);
  const [refusals, setRefusals] = useState<string[]>([]);
  const limits = useRef<Limits>(fallbackLimits);
  const uploads = useRef(new Map<string, AbortController>());
  // The same list as `files`, for handlers that must read it between renders; changed only by `update`.
  const held = useRef<PendingFile[]>([]);
  const update = useCallback((change: (all: PendingFile[]) => PendingFile[]) => {
    held.current = change(held.current);
    setFiles(held.current);
  }, []);

  useEffect(() => {
    serverInfo()
      .then((info) => (limits.current = info.limits))
      .catch(() => {});
  }, []);

  // Leaving the conversation: stop what is in flight and let the previews go.
  useEffect(() => {
    const inFlight = uploads.current;
    return () => {
      for (const controller of inFlight.values()) controller.abort();
      for (const f of held.current) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
    };
  }, []);

  const patch = useCallback(
    (key: string, change: Partial<PendingFile>) => update((all) => all.map((f) => (f.key === key ? { ...f, ...change } : f))),
    [update],
  );

  const start = useCallback(
    (item: PendingFile) => {
      const controller = new AbortController();
      uploads.current.set(item.key, controller);
      uploadMultipart<{ attachment: Attachment }>('/api/uploads', item.file, {
        signal: controller.signal,
        onProgress: (progress) => patch(item.key, { progress }),
      })
        .then(({ attachment }) => patch(item.key, { status: 'uploaded', progress: 1, attachment, error: undefined }))
        .catch((e: unknown) => {
          if ((e as Error).name !== 'AbortError') patch(item.key, { status: 'failed', error: failureText(e) });
        })
        .finally(() => {
          if (uploads.current.get(item.key) === controller) uploads.current.delete(item.key);
        });
    },
    [patch],
  );

  const add = useCallback(
    async (picked: File[]) => {
      if (picked.length === 0) return;
      limits.current = await serverInfo()
        .then((info) => info.limits)
        .catch(() => limits.current);
      const { accepted, refusals } = admitFiles(picked, held.current.length, limits.current);
      setRefusals(refusals);
      const items = accepted.map<PendingFile>((file) => ({
        key: crypto.randomUUID(),
        file,
        previewUrl: file.type.startsWith('image/') ? URL.createObjectURL(file) : null,
        status: 'uploading',
        progress: 0,
      }));
      update((all) => [...all, ...items]);
      items.forEach(start);
    },
    [start, update],
  );

  const remove = useCallback(
    (key: string) => {
      uploads.current.get(key)?.abort();
      uploads.current.delete(key);
      const gone = held.current.find((f) => f.key === key);
      if (gone?.previewUrl) URL.revokeObjectURL(gone.previewUrl);
      update((all) => all.filter((f) => f.key !== key));
      setRefusals([]);
    },
    [update],
  );

  const retry = useCallback(
    (key: string) => {
      const item = held.current.find((f) => f.key === key);
      if (!item || item.status !== 'failed') return;
      patch(key, { status: 'uploading', progress: 0, error: undefined });
      start(item);
    },
    [patch, start],
  );

  /** What a send carries: the uploaded files, in order. The composer is emptied of them. */
  const take = useCallback((): Attachment[] => {
    const sent = held.current.filter((f) => f.status === 'uploaded' && f.attachment);
    for (const f of sent) if (f.previewUrl) URL.revokeObjectURL(f.previewUrl);
    const keys = new Set(sent.map((f) => f.key));
    update((all) => all.filter((f) => !keys.has(f.key)));
    setRefusals([]);
    return sent.map((f) => f.attachment!);
  }, [update]);

  const uploading = files.some((f) => f.status === 'uploading');
  const failed = files.some((f) => f.status === 'failed');
  const ready = files.filter((f) => f.status === 'uploaded').length;
  return { files, refusals, add, remove, retry, take, uploading, failed, ready, dismissRefusals: () => setRefusals([]) };
}

export type Attachments = ReturnType<typeof useAttachments>;
