'use client';

import type { ReactNode } from 'react';
import styles from './SuggestionList.module.scss';

type Props<T> = {
  id: string;
  label: string;
  options: readonly T[];
  active: number;
  optionId: (index: number) => string;
  keyOf: (option: T) => string;
  render: (option: T) => ReactNode;
  onPick: (index: number) => void;
  onHover: (index: number) => void;
};

/**
 * The list of an autocomplete above the composer. Focus never leaves the text box: it points at
 * the highlighted option (aria-activedescendant), and a press on an option is kept from blurring it.
 */
export function SuggestionList<T>({ id, label, options, active, optionId, keyOf, render, onPick, onHover }: Props<T>) {
  return (
    <ul id={id} role="listbox" aria-label={label} className={styles.list} data-testid="suggestions">
      {options.map((option, i) => (
        <li
          key={keyOf(option)}
          id={optionId(i)}
          role="option"
          aria-selected={i === active}
          className={styles.option}
          onMouseDown={(e) => e.preventDefault()}
          onMouseMove={() => i !== active && onHover(i)}
          onClick={() => onPick(i)}
        >
          {render(option)}
        </li>
      ))}
    </ul>
  );
}
