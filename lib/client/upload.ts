// Sending a file's bytes with progress: XMLHttpRequest, because fetch reports no upload progress.
// Errors come back as the same ApiError the JSON helper throws.
import 'client-only';
import { ApiError } from './api';

export type UploadOptions = { method?: 'POST' | 'PUT'; onProgress?: (fraction: number) => void; signal?: AbortSignal };

/** Sends `file` as multipart (one part named `file`) and resolves with the JSON answer. */
export function uploadMultipart<T>(path: string, file: File, { method = 'POST', onProgress, signal }: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const data = xhr.response as { error?: { code?: string; message?: string; details?: unknown } } | null;
      if (xhr.status >= 200 && xhr.status < 300 && data) return resolve(data as T);
      if (xhr.status === 401) window.location.assign(`/login?callbackUrl=${encodeURIComponent(location.pathname)}`);
      const error = data?.error;
      const limit = (error?.details as { limit?: number } | undefined)?.limit;
      const retryAfter = Number(xhr.getResponseHeader('Retry-After')) || undefined;
      const fallback = xhr.status === 413 ? 'The file is too large.' : `Upload failed (${xhr.status || 'no answer'}).`;
      const failure = new ApiError(xhr.status, error?.code ?? 'internal', error?.message ?? fallback, {}, retryAfter);
      reject(Object.assign(failure, { limit }));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Could not reach the server.'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    if (signal) {
      if (signal.aborted) return reject(new DOMException('Upload cancelled', 'AbortError'));
      signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
