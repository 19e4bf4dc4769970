import type { ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 5_000 } },
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
