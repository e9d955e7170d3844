// Reading a slice of an external store in React: useSyncExternalStore with a memoised selection,
// so a component re-renders only when its slice changes, not whenever anything in the store does.
import 'client-only';
import { useMemo, useSyncExternalStore } from 'react';

export type ExternalStore<S> = { subscribe(listener: () => void): () => void; getSnapshot(): S };
export type Equality<T> = (a: T, b: T) => boolean;

/**
 * A getSnapshot for useSyncExternalStore: runs `selector` once per state, and hands back the
 * previous answer when the new one is equal to it, so React sees "unchanged" and skips the render.
 */
export function memoSelection<S, T>(getState: () => S, selector: (state: S) => T, isEqual: Equality<T>): () => T {
  let memo: { state: S; value: T } | null = null;
  return () => {
    const state = getState();
    if (memo && memo.state === state) return memo.value;
    const next = selector(state);
    const value = memo && isEqual(memo.value, next) ? memo.value : next;
    memo = { state, value };
    return value;
  };
}

/**
 * `selector` should be stable (module-level, or useCallback over its parameters): a new one starts
 * a new memo. `isEqual` (e.g. shallowEqual for a derived array) decides what counts as a change.
 */
export function useStoreSelector<S, T>(store: ExternalStore<S>, selector: (state: S) => T, isEqual: Equality<T> = Object.is): T {
  const getSelection = useMemo(() => memoSelection(store.getSnapshot, selector, isEqual), [store, selector, isEqual]);
  return useSyncExternalStore(store.subscribe, getSelection, getSelection);
}
