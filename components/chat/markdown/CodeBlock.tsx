'use client';

// A fenced code block: monospace, scrolled sideways rather than wrapped, with a button that copies it.
import { useEffect, useRef, useState } from 'react';
import styles from './Markdown.module.scss';

const SHOWN_MS = 2000;
const labels = { idle: ['Copy', 'Copy code'], copied: ['Copied', 'Copied'], failed: ['Not copied', 'Could not copy the code'] } as const;

export function CodeBlock({ text, language }: { text: string; language: string | null }) {
  const [state, setState] = useState<keyof typeof labels>('idle');
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed'); // no clipboard here (an insecure page, or the permission refused)
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), SHOWN_MS);
  }

  const [shown, label] = labels[state];
  return (
    <div className={styles.codeBlock}>
      <div className={styles.codeBar}>
        <span className={styles.language}>{language}</span>
        <button type="button" className={styles.copy} onClick={() => void copy()} aria-label={label} data-state={state}>
          {shown}
        </button>
        <span role="status" className="visually-hidden">
          {state === 'copied' ? 'Code copied' : ''}
        </span>
      </div>
      {/* Focusable, so that a keyboard can scroll a long line into view. */}
      <pre className={styles.pre} tabIndex={0}>
        <code>{text}</code>
      </pre>
    </div>
  );
}
