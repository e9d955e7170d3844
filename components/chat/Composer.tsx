'use client';

import { useEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { MAX_BODY, messageBody } from '@/lib/schemas/conversations';
import { useChatStore } from './ChatProvider';
import styles from './Composer.module.scss';
import { PendingFiles } from './PendingFiles';
import type { Attachments } from './useAttachments';

type Props = { conversationId: string; editing: { id: string; body: string } | null; onDoneEditing: () => void; attachments: Attachments };

/**
 * Write, attach files (button, paste, or a drop on the conversation), send with Enter (Shift+Enter
 * for a new line), or edit one of your messages. Send waits for no upload: it is disabled until
 * every added file has uploaded (or been removed), so a message never goes without a file it shows.
 */
export function Composer({ conversationId, editing, onDoneEditing, attachments }: Props) {
  const store = useChatStore();
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const [draftBeforeEdit, setDraftBeforeEdit] = useState('');
  const editingId = editing?.id ?? null;
  const [shownEditId, setShownEditId] = useState<string | null>(null);

  // A new edit starts: put the message in the box, and keep the draft for when it ends.
  if (editingId !== shownEditId) {
    setShownEditId(editingId);
    if (editing) {
      setDraftBeforeEdit(text);
      setText(editing.body);
    }
  }

  useEffect(() => {
    if (editingId) input.current?.focus();
  }, [editingId]);

  // Grow with the text, up to the max-height in CSS.
  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [text]);

  function stopEditing() {
    setText(draftBeforeEdit);
    setError('');
    onDoneEditing();
  }

  const withFiles = !editing && attachments.files.length > 0;
  const blank = text.trim().length === 0;
  const filesPending = withFiles && (attachments.uploading || attachments.failed);

  async function submit() {
    if (filesPending) {
      setError(attachments.uploading ? 'Wait until the files have uploaded.' : 'Retry or remove the file that did not upload.');
      return;
    }
    // A message may be files only: then its body is empty.
    const filesOnly = withFiles && attachments.ready > 0 && blank;
    const checked = filesOnly ? ({ success: true, data: '' } as const) : messageBody.safeParse(text);
    if (!checked.success) {
      setError(checked.error.issues[0].message);
      return;
    }
    setError('');
    if (editing) {
      setSaving(true);
      try {
        await store.edit(editing.id, checked.data);
        setText(draftBeforeEdit);
        onDoneEditing();
      } catch (e) {
        setError(`Could not save the edit: ${(e as Error).message}`);
      } finally {
        setSaving(false);
      }
      return;
    }
    store.send(conversationId, checked.data, withFiles ? attachments.take() : []);
    setText('');
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && editing) {
      stopEditing();
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    if (editing) return;
    const files = Array.from(event.clipboardData.files);
    // Text wins when the clipboard has both (a copied spreadsheet cell also carries a picture of it).
    if (files.length === 0 || event.clipboardData.getData('text/plain')) return;
    event.preventDefault();
    void attachments.add(files);
  }

  const length = text.length;
  const canSend = editing ? !blank : (!blank || attachments.ready > 0) && !filesPending;
  const uploadingCount = attachments.files.filter((f) => f.status === 'uploading').length;
  return (
    <div className={styles.composer}>
      {editing && (
        <div className={styles.editing}>
          <span>Editing message</span>
          <Button variant="ghost" size="small" onClick={stopEditing}>
            Cancel
          </Button>
        </div>
      )}
      {!editing && <PendingFiles attachments={attachments} />}
      {!editing && attachments.refusals.length > 0 && (
        <div className={styles.refusal} role="alert">
          {attachments.refusals.map((r) => (
            <span key={r}>{r}</span>
          ))}
        </div>
      )}
      <div className={styles.row}>
        {!editing && (
          <>
            <input
              ref={picker}
              type="file"
              multiple
              className={styles.picker}
              tabIndex={-1}
              aria-hidden="true"
              onChange={(e) => {
                void attachments.add(Array.from(e.target.files ?? []));
                e.target.value = '';
              }}
            />
            <button type="button" className={styles.attach} onClick={() => picker.current?.click()} aria-label="Attach files" title="Attach files">
              <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
                <path
                  d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.8"
                  strokeLinecap="round"
                />
              </svg>
            </button>
          </>
        )}
        <textarea
          ref={input}
          className={styles.input}
          rows={1}
          value={text}
          placeholder="Write a message…"
          aria-label="Message"
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (!editing) store.typing(conversationId, e.target.value.length > 0);
          }}
          onBlur={() => store.typing(conversationId, false)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <Button onClick={() => void submit()} disabled={!canSend || length > MAX_BODY} busy={saving}>
          {editing ? 'Save' : 'Send'}
        </Button>
      </div>
      {length > MAX_BODY - 500 && (
        <span className={[styles.counter, length > MAX_BODY && styles.over].filter(Boolean).join(' ')} aria-live="polite">
          {length.toLocaleString()} / {MAX_BODY.toLocaleString()}
        </span>
      )}
      {withFiles && (
        <span className={styles.status} aria-live="polite">
          {uploadingCount > 0
            ? `Uploading ${uploadingCount === 1 ? 'a file' : `${uploadingCount} files`}… Send is enabled once ${uploadingCount === 1 ? 'it is' : 'they are'} up.`
            : attachments.failed
              ? 'A file did not upload: retry or remove it to send.'
              : ''}
        </span>
      )}
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
