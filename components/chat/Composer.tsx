'use client';

import { useEffect, useLayoutEffect, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { MAX_BODY, messageBody } from '@/lib/schemas/conversations';
import type { Message } from '@/lib/schemas/responses';
import { useChatStore } from './ChatProvider';
import styles from './Composer.module.scss';
import { EmojiButton } from './composer/EmojiButton';
import { lastEditableMessage } from './composer/lastEditable';
import { ReplyPreview } from './composer/ReplyPreview';
import { replaceRange } from './composer/triggers';
import { useAutocomplete, type Edit } from './composer/useAutocomplete';
import { useDraft } from './composer/useDraft';
import type { EditRequest } from './MessageItem';
import { PendingFiles } from './PendingFiles';
import type { Attachments } from './useAttachments';

type Props = {
  conversationId: string;
  editing: EditRequest | null;
  onDoneEditing: () => void;
  /** Up arrow in an empty box: edit this message (your newest one), as its Edit button would. */
  onEditLast: (message: EditRequest) => void;
  replyTo: Message | null;
  onCancelReply: () => void;
  attachments: Attachments;
};

/**
 * Write, attach files (button, paste, or a drop on the conversation), send with Enter (Shift+Enter
 * for a new line), reply to a message, or edit one of yours (Up arrow edits the newest). `@` and
 * `:` complete names and emoji; the text is a draft that follows you to your other devices. Send
 * waits for no upload: it is disabled until every added file has uploaded (or been removed), so a
 * message never goes without a file it shows.
 */
export function Composer({ conversationId, editing, onDoneEditing, onEditLast, replyTo, onCancelReply, attachments }: Props) {
  const store = useChatStore();
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const draft = useDraft(conversationId, input);
  const { text } = draft;
  const [caret, setCaret] = useState(text.length);
  const [focused, setFocused] = useState(false);
  const [error, setError] = useState('');
  const [saving, setSaving] = useState(false);
  const editingId = editing?.id ?? null;
  const [shownEditId, setShownEditId] = useState<string | null>(null);
  // Set with a text change made here (a pick, an emoji): where the caret goes once it is shown.
  const moveCaretTo = useRef<number | null>(null);
  // Until the box has had focus its caret means nothing (a restored draft): an emoji then goes at the end.
  const caretKnown = useRef(false);

  // A new edit starts: put the message in the box, and keep the draft for when it ends.
  if (editingId !== shownEditId) {
    setShownEditId(editingId);
    if (editing) {
      draft.beginEdit(editing.body);
      setCaret(editing.body.length);
    }
  }

  useEffect(() => {
    if (editingId) input.current?.focus();
  }, [editingId]);

  // Starting a reply puts the writer in the box.
  const replyId = replyTo?.id ?? null;
  useEffect(() => {
    if (replyId) input.current?.focus();
  }, [replyId]);

  // Grow with the text, up to the max-height in CSS; then put the caret where a change made here left it.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
    if (moveCaretTo.current !== null) {
      el.setSelectionRange(moveCaretTo.current, moveCaretTo.current);
      moveCaretTo.current = null;
    }
  }, [text]);

  /** A change made by the composer rather than by typing: shown, saved, with the caret after it. */
  function apply(edit: Edit) {
    moveCaretTo.current = edit.caret;
    setCaret(edit.caret);
    write(edit.text);
  }

  function write(next: string) {
    draft.change(next);
    if (!editing) store.typing(conversationId, next.length > 0);
  }

  const autocomplete = useAutocomplete({ conversationId, text, caret, focused, apply });

  function stopEditing() {
    draft.endEdit();
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
        draft.endEdit();
        onDoneEditing();
      } catch (e) {
        setError(`Could not save the edit: ${(e as Error).message}`);
      } finally {
        setSaving(false);
      }
      return;
    }
    store.send(conversationId, checked.data, withFiles ? attachments.take() : [], replyTo);
    draft.sent();
    if (replyTo) onCancelReply();
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (autocomplete.onKeyDown(event)) return;
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !event.nativeEvent.isComposing;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && editing) {
      stopEditing();
    } else if (event.key === 'Escape' && replyTo) {
      onCancelReply();
    } else if (event.key === 'ArrowUp' && plain && !editing && text === '') {
      const last = lastEditableMessage(store.getSnapshot(), conversationId);
      if (last) {
        event.preventDefault();
        onEditLast(last);
      }
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

  /** An emoji from the picker goes where the caret was (over the selection, if any). */
  function insertEmoji(emoji: string) {
    const el = input.current;
    const start = el && caretKnown.current ? el.selectionStart : text.length;
    const end = el && caretKnown.current ? el.selectionEnd : start;
    apply(replaceRange(text, start, end, emoji));
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
      {!editing && replyTo && <ReplyPreview message={replyTo} onCancel={onCancelReply} />}
      {!editing && <PendingFiles attachments={attachments} />}
      {!editing && attachments.refusals.length > 0 && (
        <div className={styles.refusal} role="alert">
          {attachments.refusals.map((r) => (
            <span key={r}>{r}</span>
          ))}
        </div>
      )}
      {autocomplete.list}
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
        <EmojiButton onPick={insertEmoji} onClosed={() => input.current?.focus()} />
        <textarea
          ref={input}
          className={styles.input}
          rows={1}
          value={text}
          placeholder={replyTo && !editing ? 'Write a reply…' : 'Write a message…'}
          aria-label="Message"
          aria-invalid={error ? true : undefined}
          {...autocomplete.textboxProps}
          onChange={(e) => {
            const next = e.target.value;
            const at = e.target.selectionStart;
            const completed = autocomplete.complete(next, at);
            if (completed) return apply(completed);
            setCaret(at);
            write(next);
          }}
          onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
          onFocus={(e) => {
            caretKnown.current = true;
            setFocused(true);
            // Focus given back after a pick lands before the new text is shown: the caret goes where the pick put it.
            setCaret(moveCaretTo.current ?? e.currentTarget.selectionStart);
          }}
          onBlur={() => {
            setFocused(false);
            store.typing(conversationId, false);
          }}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        <Button onClick={() => void submit()} disabled={!canSend || length > MAX_BODY} busy={saving}>
          {editing ? 'Save' : 'Send'}
        </Button>
      </div>
      <span className={styles.srOnly} role="status">
        {autocomplete.status}
      </span>
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
