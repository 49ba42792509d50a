import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/** False while the server renders and while the page hydrates, true from the first client render after. */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
