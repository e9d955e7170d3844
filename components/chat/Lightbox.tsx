'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { ChatState } from '@/lib/client/chatState';
import { formatBytes } from '@/lib/client/files';
import { conversationImages, shallowEqual } from '@/lib/client/selectors';
import { useChatSelector } from './ChatProvider';
import styles from './Lightbox.module.scss';

type LightboxState = { conversationId: string; openId: string | null; open(attachmentId: string): void; close(): void; show(attachmentId: string): void };

const LightboxContext = createContext<LightboxState | null>(null);

/** Which image of the open conversation is shown full size, if any. */
export function LightboxProvider({ conversationId, children }: { conversationId: string; children: ReactNode }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const open = useCallback((attachmentId: string) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpenId(attachmentId);
  }, []);
  const close = useCallback(() => {
    setOpenId(null);
    // Back where the reader was: the thumbnail they opened.
    requestAnimationFrame(() => opener.current?.focus());
  }, []);
  const value = useMemo(() => ({ conversationId, openId, open, close, show: setOpenId }), [conversationId, openId, open, close]);
  return <LightboxContext.Provider value={value}>{children}</LightboxContext.Provider>;
}

export function useLightbox(): LightboxState | null {
  return useContext(LightboxContext);
}

/** A modal dialog keeps the page inert but lets Tab leave for the browser's own UI; keep it cycling inside. */
function trapFocus(e: KeyboardEvent) {
  const focusable = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('a[href], button:not([disabled])'));
  if (focusable.length === 0) return;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/** A modal view of one image: Escape closes, Left and Right step through the conversation's loaded images. */
export function Lightbox() {
  const lightbox = useLightbox();
  const conversationId = lightbox?.conversationId ?? '';
  const images = useChatSelector(
    useCallback((state: ChatState) => conversationImages(state, conversationId), [conversationId]),
    shallowEqual,
  );
  const dialog = useRef<HTMLDialogElement>(null);
  const openId = lightbox?.openId ?? null;
  const index = openId ? images.findIndex((a) => a.id === openId) : -1;
  const image = index >= 0 ? images[index] : null;

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (image && !el.open) el.showModal();
    if (!image && el.open) el.close();
  }, [image]);

  if (!lightbox) return null;
  const step = (by: number) => {
    if (images.length < 2 || index < 0) return;
    lightbox.show(images[(index + by + images.length) % images.length].id);
  };
  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Tab') return trapFocus(e);
    if (e.key === 'ArrowLeft') {
      e.preventDefault();
      step(-1);
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      step(1);
    }
  }

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby="lightbox-title"
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        lightbox.close();
      }}
      onClick={(e) => {
        // A click on the backdrop (the dialog itself, outside its content) closes it.
        if (e.target === e.currentTarget) lightbox.close();
      }}
      data-testid="lightbox"
    >
      {image && (
        <div className={styles.frame}>
          <header className={styles.bar}>
            <div className={styles.title}>
              <h2 id="lightbox-title" className={styles.name}>
                <bdi>{image.name}</bdi>
              </h2>
              <span className={styles.sub}>
                {images.length > 1 && `${index + 1} of ${images.length} · `}
                {image.width && image.height ? `${image.width}×${image.height} · ` : ''}
                {formatBytes(image.size)}
              </span>
            </div>
            <a className={styles.button} href={image.url} download={image.name} aria-label={`Download ${image.name}`}>
              Download
            </a>
            <button type="button" className={styles.button} onClick={lightbox.close} aria-label="Close image">
              Close
            </button>
          </header>
          <div className={styles.stage}>
            {images.length > 1 && (
              <button type="button" className={`${styles.nav} ${styles.prev}`} onClick={() => step(-1)} aria-label="Previous image">
                ‹
              </button>
            )}
            {/* eslint-disable-next-line @next/next/no-img-element -- an attachment on this server, shown at its own size */}
            <img key={image.id} className={styles.image} src={image.url} alt={image.name} width={image.width ?? undefined} height={image.height ?? undefined} />
            {images.length > 1 && (
              <button type="button" className={`${styles.nav} ${styles.next}`} onClick={() => step(1)} aria-label="Next image">
                ›
              </button>
            )}
          </div>
        </div>
      )}
    </dialog>
  );
}
