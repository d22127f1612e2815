import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import { useDidShow } from '@tarojs/taro';

export interface PageData<T> {
  /** The last loaded answer; null until the first one arrives. */
  data: T | null;
  /** The last load's failure, cleared by the next success. */
  error: unknown;
  loading: boolean;
  /** Loads again (retry, after an action); answers to earlier loads are then ignored. */
  reload: () => Promise<void>;
  /** Replaces the data with a fresher answer, e.g. the cart an action returned. */
  setData: (data: T) => void;
}

interface LoadState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
}

/**
 * A page's data: loads when `deps` change and each time the page is shown again (coming back from
 * another page), ignoring answers to superseded loads.
 */
export function usePageData<T>(load: () => Promise<T>, deps: DependencyList): PageData<T> {
  const [state, setState] = useState<LoadState<T>>({ data: null, error: null, loading: true });
  const latestLoad = useRef(load);
  const generation = useRef(0);
  const shownBefore = useRef(false);

  useEffect(() => {
    latestLoad.current = load;
  });

  const reload = useCallback(async () => {
    const current = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    try {
      const data = await latestLoad.current();
      if (current === generation.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (current === generation.current) setState((previous) => ({ ...previous, error, loading: false }));
    }
  }, []);

  const setData = useCallback((data: T) => {
    generation.current += 1;
    setState({ data, error: null, loading: false });
  }, []);

  useEffect(() => {
    // A new key's data is not the old one's: show loading rather than the previous answer.
    setState({ data: null, error: null, loading: true });
    void reload();
    // The caller's deps, checked at the call site (`additionalHooks` in eslint.config.mjs).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  // The first show is the mount, which the effect above already loads for.
  useDidShow(() => {
    if (shownBefore.current) void reload();
    shownBefore.current = true;
  });

  return { ...state, reload, setData };
}
