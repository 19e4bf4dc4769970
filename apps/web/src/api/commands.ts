import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { newActionKey } from './client';

/**
 * The commands of a family of screens (emulation, territory): each sends with a fresh Idempotency-Key per action,
 * shows its success, then reloads the family's queries at the position the command answered; `readAfterWrite` is
 * what those queries ask so the read side has seen this user's last command. `useAfterWrite` does the reloading for
 * a write sent another way (a file loaded).
 */
export const commandFamily = (queryKeys: readonly (readonly string[])[]) => {
  let lastPosition: string | undefined;
  const readAfterWrite = (): { minPosition?: string } => (lastPosition ? { minPosition: lastPosition } : {});
  const useAfterWrite = () => {
    const queryClient = useQueryClient();
    return (answer: { position?: string | null }) => {
      if (answer.position) lastPosition = answer.position;
      for (const queryKey of queryKeys) void queryClient.invalidateQueries({ queryKey });
    };
  };
  const useCommand = <V, A extends { position?: string | null }>(
    send: (values: V, header: { 'Idempotency-Key': string }) => Promise<A>,
    success: string,
    after?: (answer: A) => void,
  ) => {
    const afterWrite = useAfterWrite();
    const { message } = App.useApp();
    return useMutation({
      mutationFn: (values: V) => send(values, { 'Idempotency-Key': newActionKey() }),
      onSuccess: (answer) => {
        void message.success(success);
        afterWrite(answer);
        after?.(answer);
      },
    });
  };
  return { readAfterWrite, useAfterWrite, useCommand };
};
