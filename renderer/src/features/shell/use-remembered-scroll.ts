import { useEffect, useLayoutEffect, type RefObject } from 'react';
import { registerScrollSource, useNavStore } from '../../stores/nav-store';

/** How long a restore keeps trying while the page's data arrives and its height grows. */
const RESTORE_FOR_MS = 2000;

/**
 * Sets el's scroll offset to target and holds it while the page settles: rows and cards arrive
 * after the first render (one assignment would land short), and a virtual list may reset its box
 * to the top when it mounts. Re-applies until the offset held for a few frames or time is up;
 * stops at once when the user scrolls, clicks or types, so a retry never fights them.
 * Returns the cancel function.
 */
export function restoreScroll(el: HTMLElement, target: number): () => void {
  el.scrollTop = target;
  if (target <= 0) return () => undefined;
  const until = performance.now() + RESTORE_FOR_MS;
  let held = 0;
  let frame = 0;
  const stop = () => {
    cancelAnimationFrame(frame);
    for (const type of USER_SCROLL_EVENTS) el.removeEventListener(type, stop);
  };
  const step = () => {
    if (Math.abs(el.scrollTop - target) <= 1) held += 1;
    else {
      held = 0;
      el.scrollTop = target;
    }
    if (held >= HOLD_FRAMES || performance.now() > until) return stop();
    frame = requestAnimationFrame(step);
  };
  for (const type of USER_SCROLL_EVENTS) el.addEventListener(type, stop, { passive: true });
  frame = requestAnimationFrame(step);
  return stop;
}

/** About a tenth of a second at 60 frames a second. */
const HOLD_FRAMES = 6;
const USER_SCROLL_EVENTS = ['wheel', 'pointerdown', 'keydown', 'touchstart'] as const;

/**
 * Any scrolling element keeps its offset per history entry: the nav store reads it when the user
 * leaves the entry (go/back/forward), and coming back restores it after render. `key` names the
 * element ('content' for the page area, e.g. 'customers-table' for the list's own scroll box).
 */
export function useRememberedScroll(ref: RefObject<HTMLElement | null>, key: string): void {
  const index = useNavStore((state) => state.index);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    return registerScrollSource(key, () => el.scrollTop);
  }, [ref, key]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    return restoreScroll(el, useNavStore.getState().scrollFor(key));
  }, [ref, key, index]);
}
