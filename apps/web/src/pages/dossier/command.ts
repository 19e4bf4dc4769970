import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { api, ApiError, newActionKey, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { CommandAnswer, DossierView } from '../../api/types';

/** The dossier's command routes (POST /api/v1/dossiers/{id}/...), as the OpenAPI document names them. */
export type CommandPath = Extract<keyof paths, `/api/v1/dossiers/{id}/${string}`>;

/**
 * Sends one command of the dossier: a fresh Idempotency-Key per action, If-Match with the version the user saw
 * (unless the order does not matter, e.g. council votes). The answer's summary and version show at once (the
 * status, step and due date, and the If-Match of the next action); the dossier and its lists are then reloaded.
 */
export const useDossierCommand = (dossierId: string, version: number | undefined) => {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: async ({
      path,
      body,
      orderFree,
    }: {
      path: CommandPath;
      body?: unknown;
      orderFree?: boolean;
      success: string;
    }) => {
      const headers: Record<string, string> = { 'Idempotency-Key': newActionKey() };
      if (!orderFree && version !== undefined) headers['If-Match'] = String(version);
      return unwrap<CommandAnswer>(
        api.POST(path as '/api/v1/dossiers/{id}/submission', {
          params: { path: { id: dossierId }, header: headers },
          body: (body ?? {}) as never,
        }),
      );
    },
    onSuccess: (answer, { success }) => {
      message.success(success);
      const { summary, version } = answer;
      if (summary)
        queryClient.setQueryData<DossierView>(['dossier', dossierId, null], (view) =>
          view ? { ...view, version, summary } : view,
        );
      void queryClient.invalidateQueries({ queryKey: ['dossier', dossierId] });
      void queryClient.invalidateQueries({ queryKey: ['history', dossierId] });
      void queryClient.invalidateQueries({ queryKey: ['board'] });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) {
        void queryClient.invalidateQueries({ queryKey: ['dossier', dossierId] });
      }
    },
  });
};

/** The message to show for a failed command, with the rule's details. */
export const errorText = (e: unknown): { title: string; details: string[] } => {
  if (e instanceof ApiError) {
    const title =
      e.status === 409 && e.code === 'VERSION_CONFLICT'
        ? 'Hồ sơ vừa được người khác cập nhật; màn hình đã tải lại, vui lòng kiểm tra và thực hiện lại.'
        : e.message;
    return { title, details: e.violations.map((v) => v.message) };
  }
  return { title: 'Đã có lỗi, vui lòng thử lại.', details: [] };
};
