import { defaultShouldDehydrateQuery, QueryCache, QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import superjson from 'superjson';

/** A signed-out or revoked session surfaces as UNAUTHORIZED on any query: go sign in again. */
function redirectIfSignedOut(error: unknown) {
  if (typeof window === 'undefined') return;
  if (error instanceof TRPCClientError && error.data?.code === 'UNAUTHORIZED') {
    const callbackUrl = `${window.location.pathname}${window.location.search}`;
    window.location.assign(`/signin?reason=expired&callbackUrl=${encodeURIComponent(callbackUrl)}`);
  }
}

export function makeQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: redirectIfSignedOut }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Authorization and validation failures do not get better by asking again.
        retry: (failureCount, error) =>
          !(
            error instanceof TRPCClientError &&
            typeof error.data?.httpStatus === 'number' &&
            error.data.httpStatus < 500
          ) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { onError: redirectIfSignedOut },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) || query.state.status === 'pending',
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}
