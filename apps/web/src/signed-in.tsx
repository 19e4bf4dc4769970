import type { ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client';

// A 503 says a read model has not yet caught up with a write (READ_MODEL_BEHIND): asking again a little later
// gets the answer, so such reads are retried longer than other failures.
const retry = (failures: number, error: unknown): boolean =>
  failures < (error instanceof ApiError && error.status === 503 ? 6 : 1);

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

/**
 * What the screens of a signed-in user stand on: one query cache for all of them, and Ant Design's App for their
 * messages. Loaded with the first of those screens, not with the sign-in page.
 */
export default function SignedIn({ children }: { children: ReactNode }) {
  return (
    <AntApp component={false}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </AntApp>
  );
}
