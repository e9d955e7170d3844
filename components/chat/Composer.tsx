'use client';

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { MAX_BODY, messageBody } from '@/lib/schemas/conversations';
import { useChatStore } from './ChatProvider';
import styles from './Composer.module.scss';

type Props = { conversationId: string; editing: { id: string; body: string } | null; onDoneEditing: () => void };

/** Write, send with Enter (Shift+Enter for a new line), or edit one of your messages. */
export function Composer({ conversationId, editing, onDoneEditing }: Props) {
  const store = useChatStore();
  const input = useRef<HTMLTextAreaElement>(null);
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

  async function submit() {
    const checked = messageBody.safeParse(text);
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
    store.send(conversationId, checked.data);
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

  const length = text.length;
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
      <div className={styles.row}>
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
        />
        <Button onClick={() => void submit()} disabled={text.trim().length === 0 || length > MAX_BODY} busy={saving}>
          {editing ? 'Save' : 'Send'}
        </Button>
      </div>
      {length > MAX_BODY - 500 && (
        <span className={[styles.counter, length > MAX_BODY && styles.over].filter(Boolean).join(' ')} aria-live="polite">
          {length.toLocaleString()} / {MAX_BODY.toLocaleString()}
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
