'use client';

import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import styles from './FileDrop.module.scss';

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/** Files dragged over the conversation show a drop target; dropped, they go to the composer. */
export function FileDrop({ onFiles, className, children }: { onFiles: (files: File[]) => void; className?: string; children: ReactNode }) {
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every child crossed; count them so the target does not flicker.
  const depth = useRef(0);

  return (
    <div
      className={[styles.zone, className].filter(Boolean).join(' ')}
      data-testid="file-drop"
      onDragEnter={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current++;
        setOver(true);
      }}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
      }}
      onDragLeave={(e) => {
        if (!carriesFiles(e)) return;
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setOver(false);
      }}
      onDrop={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        depth.current = 0;
        setOver(false);
        onFiles(Array.from(e.dataTransfer.files));
      }}
    >
      {children}
      {over && (
        <div className={styles.target} data-testid="drop-target" aria-hidden="true">
          <span className={styles.label}>Drop files to attach them</span>
        </div>
      )}
    </div>
  );
}
