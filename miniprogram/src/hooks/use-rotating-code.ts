import { useEffect, useRef, useState, type DependencyList } from 'react';
import { useDidHide, useDidShow } from '@tarojs/taro';

/** How long before `expiresAt` a fresh code is fetched, and the bounds of the wait. */
const REFRESH_AHEAD_MS = 3_000;
const MIN_WAIT_MS = 5_000;
/** Codes rotate every 30 s: never wait longer, whatever the device's clock says. */
const MAX_WAIT_MS = 30_000;

export interface RotatingCode {
  code: string | null;
  error: unknown;
  /** Fetches a new code now. */
  refresh: () => void;
}

/**
 * A code that expires (`{ code, expiresAt }`): fetched on mount and on show, then again shortly
 * before it expires (at most every 30 s); paused while the page is hidden.
 */
export function useRotatingCode(
  load: (() => Promise<{ code: string; expiresAt: string }>) | null,
  deps: DependencyList,
): RotatingCode {
  const [state, setState] = useState<{ code: string | null; error: unknown }>({ code: null, error: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const generation = useRef(0);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  const stop = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  };

  const fetchNow = async (): Promise<void> => {
    stop();
    const current = ++generation.current;
    const loader = latestLoad.current;
    if (!loader) return;
    let wait = MAX_WAIT_MS;
    try {
      const { code, expiresAt } = await loader();
      if (current !== generation.current) return;
      setState({ code, error: null });
      const untilExpiry = new Date(expiresAt).getTime() - Date.now() - REFRESH_AHEAD_MS;
      wait = Math.min(MAX_WAIT_MS, Math.max(MIN_WAIT_MS, untilExpiry));
    } catch (error) {
      if (current !== generation.current) return;
      setState((previous) => ({ ...previous, error }));
    }
    timer.current = setTimeout(() => void fetchNow(), wait);
  };

  useEffect(() => {
    setState({ code: null, error: null });
    void fetchNow();
    return () => {
      generation.current += 1;
      stop();
    };
    // The caller's deps.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current) void fetchNow();
    shownBefore.current = true;
  });
  useDidHide(() => {
    generation.current += 1;
    stop();
  });

  return { ...state, refresh: () => void fetchNow() };
}
