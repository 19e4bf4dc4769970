// What the province's settings screens share: who may change them, the way between them, the server's refusal.
import { Alert, type FormInstance } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth';

/** The province's own officers (not one bound to a district) set its plan and its communes' groups. */
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
];

/** The two settings screens, one link to the other; the open one marked for screen readers. */
export const SettingsNav = () => {
  const { pathname } = useLocation();
  return (
    <nav aria-label="Thiết lập của tỉnh" style={{ display: 'flex', gap: 16, marginBottom: 16 }}>
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

/**
 * The server's refusal: each violation naming a field the form has is shown under that field; the message, and
 * any violation the form cannot place, above the form.
 */
export const showRefusal = <V,>(form: FormInstance<V>, error: unknown): string[] => {
  if (!(error instanceof ApiError)) return [];
  const placed = new Set<string>();
  const fields = new Set(form.getFieldsError().map((f) => f.name.join('.')));
  form.setFields(
    error.violations.flatMap((v) => {
      if (!v.field || !fields.has(v.field)) return [];
      placed.add(v.message);
      return [{ name: formPath(v.field) as never, errors: [v.message] }];
    }),
  );
  return error.violations.map((v) => v.message).filter((m) => !placed.has(m) && m !== error.message);
};

export const Refusal = ({ error, details }: { error: unknown; details: string[] }) =>
  error ? (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error instanceof ApiError ? error.message : 'Đã có lỗi, vui lòng thử lại.'}
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
  ) : null;
