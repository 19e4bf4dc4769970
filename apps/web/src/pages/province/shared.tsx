// What the province's settings screens share: who may change them, the way between them, the server's refusal.
import { useState } from 'react';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Select, type FormInstance } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth';
import { searchByName } from '../../search';
import { Required } from '../emulation/shared';

/** The province's own officers (not one bound to a district) set its plan, its communes' groups and pilots. */
export const useProvinceSettings = (): { provinceCode: string; mayChange: boolean } => {
  const { user } = useAuth();
  return {
    provinceCode: user?.provinceCode ?? '',
    mayChange: user?.role === 'province_officer' && user.districtCode === undefined,
  };
};

const SCREENS = [
  { to: '/tinh/ke-hoach', label: 'Kế hoạch của tỉnh' },
  { to: '/tinh/nhom-xa', label: 'Nhóm xã' },
  { to: '/tinh/xa-thi-diem', label: 'Xã thí điểm' },
  { to: '/tinh/no-dong-xdcb', label: 'Nợ đọng xây dựng cơ bản' },
];

/** The settings screens, linking to each other (wrapping on a phone); the open one marked for screen readers. */
export const SettingsNav = () => {
  const { pathname } = useLocation();
  return (
    <nav
      aria-label="Thiết lập của tỉnh"
      style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', marginBottom: 16 }}
    >
      {SCREENS.map((s) => (
        <Link
          key={s.to}
          to={s.to}
          aria-current={pathname === s.to ? 'page' : undefined}
          style={{ textDecoration: 'underline', fontWeight: pathname === s.to ? 600 : undefined }}
        >
          {s.label}
        </Link>
      ))}
    </nav>
  );
};

/** A field path of the server ("targets.0.target") as the form names it (['targets', 0, 'target']). */
const formPath = (field: string): (string | number)[] =>
  field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** A refusal as the screen shows it: its title and what the fields could not show above the form. */
interface Refused {
  title: string;
  details: string[];
  /** The fields showing a violation under them. */
  fields: (string | number)[][];
}

/**
 * The server's refusal: each violation naming a field the form has is shown under that field (a target's
 * number, or the list of targets for a rule across them); above the form, the message, less what the fields show.
 */
const showRefusal = <V,>(form: FormInstance<V>, error: unknown): Refused => {
  if (!(error instanceof ApiError)) return { title: 'Đã có lỗi, vui lòng thử lại.', details: [], fields: [] };
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  const placed = error.violations.filter((v) => v.field !== undefined && known.has(v.field));
  const fields = placed.map((v) => formPath(v.field!));
  form.setFields(placed.map((v, i) => ({ name: fields[i] as never, errors: [v.message] })));
  const rest = error.violations.filter((v) => !placed.includes(v)).map((v) => v.message);
  if (placed.length > 0 && rest.length === 0)
    return { title: 'Chưa lưu được: xem lỗi ghi ngay dưới các ô được đánh dấu đỏ.', details: [], fields };
  return { title: error.message, details: rest.filter((m) => m !== error.message), fields };
};

/**
 * A form's refusal by the server: shown when it comes (`refuse`), gone as soon as the person changes a value
 * (`forget`, the form's onValuesChange) or sends again, so an old refusal never stands beside new values.
 */
const useRefusal = <V,>(form: FormInstance<V>) => {
  const [refused, setRefused] = useState<Refused | null>(null);
  const forget = () => {
    if (!refused) return;
    form.setFields(refused.fields.map((name) => ({ name: name as never, errors: [] })));
    setRefused(null);
  };
  return { refused, refuse: (error: unknown) => setRefused(showRefusal(form, error)), forget };
};

/**
 * A settings form and the command it sends: success said in a message, the answer put where the screens read it
 * (`saved`), the server's refusal shown by field (`Refusal` above the form; the form's onValuesChange: `forget`).
 */
export const useSettingsForm = <V, A>(
  send: (values: V) => Promise<A>,
  /** The toast after a save, from the server's answer and what was sent. */
  success: (answer: A, sent: V) => string,
  saved: (answer: A, queryClient: QueryClient) => void,
) => {
  const [form] = Form.useForm<V>();
  const { refused, refuse, forget } = useRefusal(form);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: send,
    onMutate: forget,
    onSuccess: (answer, sent) => {
      void message.success(success(answer, sent));
      saved(answer, queryClient);
    },
    onError: refuse,
  });
  return { form, refused, forget, save };
};

export const Refusal = ({ refused }: { refused: Refused | null }) =>
  refused ? (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={refused.title}
      description={
        refused.details.length ? (
          <ul style={{ margin: 0 }}>
            {refused.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  ) : null;

/** What a form setting a fact of one commune is given: the province's communes, and where its list reads on from. */
export interface CommuneSettingProps {
  communes: { code: string; name: string }[];
  provinceCode: string;
  /** The position the setting was written at: the list reads on from there. */
  saved: (position: string) => void;
}

/** The commune a setting is about, found by name (with or without diacritics) or code. */
export const CommuneField = ({ communes }: Pick<CommuneSettingProps, 'communes'>) => (
  <Required name="communeCode" label="Xã" message="Chọn xã">
    <Select
      showSearch={searchByName}
      options={communes.map((c) => ({ value: c.code, label: `${c.name} (mã ${c.code})` }))}
    />
  </Required>
);
