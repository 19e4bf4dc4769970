import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  type ButtonProps,
  type FormProps,
} from 'antd';
import { api, ApiError, newActionKey, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import type { DossierView } from '../../api/types';
import { EvidenceUpload } from '../../components/Evidence';
import { SendButton } from '../../components/uploads';

/** The dossier's command routes (POST /api/v1/dossiers/{id}/...), as the OpenAPI document names them. */
export type CommandPath = Extract<keyof paths, `/api/v1/dossiers/{id}/${string}`>;

/** One command as a screen sends it, with the message shown when it succeeds. */
export interface CommandRequest {
  path: CommandPath;
  body?: unknown;
  /** Commands whose order does not matter (council votes) go without If-Match. */
  orderFree?: boolean;
  success: string;
}

/**
 * Sends one command of the dossier: a fresh Idempotency-Key per action, If-Match with the version the user saw
 * (unless the order does not matter, e.g. council votes). The answer's summary and version show at once (the
 * status, step and due date, and the If-Match of the next action); the dossier and its lists are then reloaded.
 */
export const useDossierCommand = (dossierId: string, version: number | undefined) => {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: async ({ path, body, orderFree }: CommandRequest) => {
      const headers: Record<string, string> = { 'Idempotency-Key': newActionKey() };
      if (!orderFree && version !== undefined) headers['If-Match'] = String(version);
      return unwrap(
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

export type DossierCommand = ReturnType<typeof useDossierCommand>;

/** A failed command's message, with each rule it broke. */
export const CommandError = ({ error }: { error: unknown }) => {
  if (!error) return null;
  const { title, details } = errorText(error);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={title}
      description={
        details.length ? (
          <ul style={{ margin: 0 }}>
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
};

/** A button that sends one command, busy while it runs. */
export const CommandButton = ({
  command,
  request,
  children,
  ...button
}: {
  command: DossierCommand;
  request: CommandRequest;
  children: ReactNode;
} & Pick<ButtonProps, 'type' | 'danger' | 'disabled' | 'size'>) => (
  <SendButton {...button} loading={command.isPending} onClick={() => command.mutate(request)}>
    {children}
  </SendButton>
);

/** A required whole number of a form (households, forms, attendees, votes). */
export const CountItem = ({ name, label, min = 0 }: { name: string; label: string; min?: number }) => (
  <Form.Item name={name} label={label} rules={[{ required: true, message: `Nhập ${label.toLowerCase()}` }]}>
    <InputNumber min={min} />
  </Form.Item>
);

/** A label as it reads inside a sentence: "Biên bản họp Ban Chỉ đạo" → "biên bản họp Ban Chỉ đạo". */
const inSentence = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);

/** A required document of a form (a report, minutes): uploaded, then cited by its SHA-256. */
export const DocumentItem = ({ name, label }: { name: string; label: string }) => (
  <Form.Item
    name={name}
    label={label}
    rules={[{ required: true, type: 'array', min: 1, message: `Đính kèm ${inSentence(label)}` }]}
  >
    <EvidenceUpload label={label} />
  </Form.Item>
);

/** Where a posting is put up: one or more places, typed and separated by commas. */
export const PlacesItem = ({ label, placeholder }: { label: string; placeholder: string }) => (
  <Form.Item
    name="where"
    label={label}
    rules={[{ required: true, message: `Nhập ít nhất một ${inSentence(label)}` }]}
  >
    <Select mode="tags" placeholder={placeholder} tokenSeparators={[',']} />
  </Form.Item>
);

/** A decision's number and date, as the chairman signs it (recognition, refusal, revocation). */
export const DecisionFields = () => (
  <>
    <Form.Item
      name="decisionNumber"
      label="Số quyết định"
      rules={[{ required: true, message: 'Nhập số quyết định, ví dụ 1234/QĐ-UBND' }]}
    >
      <Input placeholder="Ví dụ: 1234/QĐ-UBND" maxLength={100} />
    </Form.Item>
    <Form.Item
      name="decidedOn"
      label="Ngày quyết định"
      rules={[{ required: true, message: 'Chọn ngày quyết định' }]}
    >
      <DatePicker format="DD/MM/YYYY" />
    </Form.Item>
  </>
);

/**
 * Records that a posting began (the commune's public posting, the appraisal report on the portal): where it is,
 * given by the fields passed as children, and from which day.
 */
export const PostingForm = <V extends object>({
  command,
  path,
  success,
  fromLabel,
  submitLabel,
  body,
  initialValues,
  layout = 'vertical',
  children,
}: {
  command: DossierCommand;
  path: CommandPath;
  success: string;
  fromLabel: string;
  submitLabel: string;
  /** The command's body from the fields given as children. */
  body: (values: V) => object;
  initialValues?: Partial<V>;
  layout?: FormProps['layout'];
  children: ReactNode;
}) => (
  <Form
    layout={layout}
    initialValues={{ ...initialValues, from: dayjs() }}
    onFinish={(v: V & { from: Dayjs }) =>
      command.mutate({ path, body: { ...body(v), from: v.from.startOf('day').toISOString() }, success })
    }
  >
    {children}
    <Form.Item name="from" label={fromLabel} rules={[{ required: true, message: 'Chọn ngày bắt đầu' }]}>
      <DatePicker format="DD/MM/YYYY" />
    </Form.Item>
    <SendButton type="primary" htmlType="submit" loading={command.isPending}>
      {submitLabel}
    </SendButton>
  </Form>
);
