// What the emulation screens share: the province they work in, the programme, who may do what, one command hook.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  type FormInstance,
  type FormItemProps,
} from 'antd';
import { api, ApiError, unwrap } from '../../api/client';
import { commandFamily } from '../../api/commands';
import type { Award, AwardType, Candidate, EmulationProgramme, Nomination, Role } from '../../api/types';
import { useAuth } from '../../auth';
import { CommandError } from '../dossier/command';
import { quotaBaseLabels } from '../../../../../libs/commendation/src/quota-base-labels';
import { positionAndUnit } from '../../../../../libs/commendation/src/position-and-unit';

/** The province whose programme the signed-in user works on (every emulation role is a provincial one). */
export const useProvince = (): { provinceCode: string; role: Role; userId: string } => {
  const { user } = useAuth();
  return { provinceCode: user?.provinceCode ?? '', role: user!.role, userId: user!.id };
};

/** The province's board, movements, clusters and award types; null while the board is not appointed. */
export const useProgramme = (provinceCode: string) =>
  useQuery({
    queryKey: ['emulation', provinceCode, 'programme'],
    queryFn: async (): Promise<EmulationProgramme | null> => {
      try {
        return await unwrap(
          api.GET('/api/v1/emulation/provinces/{provinceCode}', {
            params: { path: { provinceCode }, query: readAfterWrite() },
          }),
        );
      } catch (e) {
        if (e instanceof ApiError && e.code === 'PROGRAMME_NOT_FOUND') return null;
        throw e;
      }
    },
    enabled: provinceCode !== '',
  });

/**
 * The board's secretary, in person (the role and the seat), maintains the movements, clusters and scores,
 * returns nominations and runs reviews.
 */
export const isSecretary = (programme: EmulationProgramme | null | undefined, role: Role, userId: string) =>
  role === 'emulation_secretary' &&
  !!programme?.board?.members.some((m) => m.id === userId && m.role === 'secretary');

/**
 * Sends one emulation command, shows its success, then reloads every emulation query at the position the command
 * answered (the read side has then seen it).
 */
const emulationCommands = commandFamily([['emulation']]);
export const useEmulationCommand = emulationCommands.useCommand;

/** What a command form needs of `useEmulationCommand`: send, its pending state and the refusal to show. */
interface Command<V> {
  mutate: (values: V) => void;
  isPending: boolean;
  error: unknown;
}

interface CommandFormProps<V> {
  /** The form's name (its fields' ids start with it). */
  name: string;
  command: Command<V>;
  /** Given when the caller resets or reads the form itself. */
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  children: ReactNode;
}

/** A command's form: the server's refusal above the fields; the values, once valid, go to the command. */
const CommandFields = <V extends object>({
  name,
  command,
  form,
  initialValues,
  children,
}: CommandFormProps<V>) => (
  <>
    <CommandError error={command.error} />
    <Form<V>
      name={name}
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(v) => command.mutate(v)}
    >
      {children}
    </Form>
  </>
);

/** A command's form on the page, with its submit button under the fields. */
export const CommandForm = <V extends object>({
  submitText,
  ...props
}: CommandFormProps<V> & { submitText: string }) => (
  <CommandFields<V> {...props}>
    {props.children}
    <Button type="primary" htmlType="submit" loading={props.command.isPending}>
      {submitText}
    </Button>
  </CommandFields>
);

/**
 * A command's dialog: the form in a modal whose OK button submits it; closed by the caller on success. `actions`
 * go between closing and the OK button (a check before sending, which reads the caller's `form`).
 */
export const CommandModal = <V extends object>({
  title,
  okText,
  danger,
  actions,
  onClose,
  ...props
}: CommandFormProps<V> & {
  title: string;
  okText: string;
  danger?: boolean;
  actions?: ReactNode;
  onClose: () => void;
}) => {
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  return (
    <Modal
      open
      title={title}
      okText={okText}
      okButtonProps={danger ? { danger: true } : undefined}
      cancelText="Đóng"
      confirmLoading={props.command.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      footer={
        actions
          ? (_, { OkBtn, CancelBtn }) => (
              <>
                <CancelBtn />
                {actions}
                <OkBtn />
              </>
            )
          : undefined
      }
    >
      <CommandFields<V> {...props} form={form} />
    </Modal>
  );
};

/** The position of this user's last command: reads wait until the read side has seen it. */
export const readAfterWrite = emulationCommands.readAfterWrite;

export const nominationStatusLabels: Record<Nomination['status'], string> = {
  submitted: 'Chờ Hội đồng xét',
  returned: 'Trả lại để bổ sung',
  'in-review': 'Hội đồng đang xét',
  approved: 'Hội đồng đã thông qua',
  rejected: 'Hội đồng không thông qua',
  awarded: 'Đã có quyết định khen thưởng',
  withdrawn: 'Đã rút đề nghị',
};

// Colours whose text passes the contrast check on their own background.
const statusColors: Record<Nomination['status'], string> = {
  submitted: 'blue',
  returned: 'volcano',
  'in-review': 'gold',
  approved: 'green',
  rejected: 'default',
  awarded: 'green',
  withdrawn: 'default',
};

export const NominationStatus = ({ status }: { status: Nomination['status'] }) => (
  <Tag color={statusColors[status]}>{nominationStatusLabels[status]}</Tag>
);

/** The dossier page of the recognition a record entry rests on. */
export const DossierLink = ({ dossierId, children }: { dossierId: string; children: ReactNode }) => (
  // Underlined: inside a sentence, a link must not be told apart by its colour alone.
  <Link to={`/ho-so/${dossierId}`} style={{ textDecoration: 'underline' }}>
    {children}
  </Link>
);

type EligibilityCheck = Candidate['report']['checks'][number];
const checkColor: Record<EligibilityCheck['status'], string> = {
  passed: 'green',
  failed: 'red',
  'not-applicable': 'default',
};
const checkWord: Record<EligibilityCheck['status'], string> = {
  passed: 'Đạt',
  failed: 'Chưa đạt',
  'not-applicable': 'Không áp dụng',
};

/** Each condition of an award type, met or not, with what the record shows; a recognition links to its dossier. */
export const EligibilityChecks = ({ checks }: { checks: readonly EligibilityCheck[] }) => (
  <ul style={{ margin: 0, paddingLeft: 18 }}>
    {checks.map((check) => (
      <li key={check.rule}>
        <Tag color={checkColor[check.status]}>{checkWord[check.status]}</Tag> {check.label}: {check.detail}
        {check.evidence.map(
          (e) =>
            e.kind === 'recognition' && (
              <span key={e.dossierId}>
                {' '}
                (<DossierLink dossierId={e.dossierId}>hồ sơ công nhận</DossierLink>)
              </span>
            ),
        )}
      </li>
    ))}
  </ul>
);

export const EligibleTag = ({ eligible }: { eligible: boolean }) =>
  eligible ? <Tag color="green">Đủ điều kiện</Tag> : <Tag color="red">Chưa đủ điều kiện</Tag>;

/** When the board is not appointed yet, nothing else of the programme exists. */
export const NoBoard = () => (
  <Alert
    type="info"
    showIcon
    title="Tỉnh chưa thành lập Hội đồng Thi đua - Khen thưởng"
    description="Chủ tịch UBND tỉnh thành lập Hội đồng trước; sau đó Thư ký Hội đồng phát động phong trào, lập cụm, khối thi đua."
  />
);

export const PageTitle = ({ children }: { children: ReactNode }) => (
  <h1 style={{ fontSize: 26, marginTop: 0 }}>{children}</h1>
);

/** A field's name: a key, or a path into a list of rows. */
type FieldName = NonNullable<FormItemProps['name']>;

/** A required field of a form; the message says what to enter. A text of spaces only is not an answer. */
export const Required = ({
  message,
  text,
  children,
  ...item
}: FormItemProps & { name: FieldName; label: string; message: string; text?: boolean }) => (
  <Form.Item {...item} rules={[{ required: true, message, ...(text ? { whitespace: true } : {}) }]}>
    {children}
  </Form.Item>
);

/** A required text (one line, or several when `rows` is given) of at most `max` characters. */
export const TextField = ({
  max,
  rows,
  ...field
}: { name: FieldName; label: string; message: string; max: number; rows?: number } & FormItemProps) => (
  <Required {...field} text>
    {rows ? <Input.TextArea rows={rows} maxLength={max} /> : <Input maxLength={max} />}
  </Required>
);

export const YearField = ({ name, label }: { name: string; label: string }) => (
  <Required name={name} label={label} message={`Nhập ${label.toLowerCase()}`}>
    <InputNumber min={2000} max={2100} />
  </Required>
);

export const DateField = ({ name, label }: { name: string; label: string }) => (
  <Required name={name} label={label} message={`Chọn ${label.toLowerCase()}`}>
    <DatePicker format="DD/MM/YYYY" />
  </Required>
);

/** An identifier the API takes as a slug (lower-case letters without marks, digits, hyphens). */
export const SlugField = ({
  name,
  label,
  example,
}: {
  name: string | (string | number)[];
  label: string;
  example: string;
}) => (
  <Form.Item
    name={name}
    label={label}
    tooltip={`Chữ thường không dấu, chữ số và gạch nối, ví dụ ${example}`}
    rules={[
      { required: true, message: `Nhập ${label.toLowerCase()}` },
      { pattern: /^[a-z0-9][a-z0-9-]{0,62}$/, message: 'Chỉ chữ thường không dấu, chữ số, gạch nối' },
    ]}
  >
    <Input maxLength={63} />
  </Form.Item>
);

/** One choice among a few, shown all at once (radio buttons). */
export const Choice = ({
  name,
  label,
  options,
}: {
  name: string | (string | number)[];
  label: string;
  options: { value: string | boolean; label: string }[];
}) => (
  <Form.Item name={name} label={label}>
    <Radio.Group>
      {options.map((o) => (
        <Radio key={String(o.value)} value={o.value}>
          {o.label}
        </Radio>
      ))}
    </Radio.Group>
  </Form.Item>
);

/** The province's communes in force, for a choice of commune (the register of administrative units). */
export const useCommunes = (provinceCode: string) => {
  const units = useQuery({
    queryKey: ['units', provinceCode],
    queryFn: () =>
      unwrap(api.GET('/api/v1/admin/units/{provinceCode}', { params: { path: { provinceCode } } })),
  });
  return { units, communes: units.data?.communes.filter((c) => c.status === 'active') ?? [] };
};

/** A year a list is filtered by; left empty, every year. */
export const YearFilter = ({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: number | null;
  onChange: (year: number | null) => void;
}) => (
  <>
    <label htmlFor={id}>{label}</label>
    <InputNumber
      id={id}
      min={2000}
      max={2100}
      placeholder="Tất cả"
      value={value}
      onChange={(v) => onChange(v ?? null)}
    />
  </>
);

export type QuotaBase = Extract<AwardType['rules'][number], { kind: 'quota' }>['base'];

/** A fraction typed as two numbers, e.g. 2/3 or 5/100. */
export const Fraction = ({ name, label }: { name: (string | number)[]; label: string }) => (
  <Space align="start">
    <Form.Item
      name={[...name, 'num']}
      label={`${label}: tử số`}
      rules={[{ required: true, message: 'Nhập tử số' }]}
    >
      <InputNumber min={0} max={1000} />
    </Form.Item>
    <Form.Item name={[...name, 'den']} label="mẫu số" rules={[{ required: true, message: 'Nhập mẫu số' }]}>
      <InputNumber min={1} max={1000} />
    </Form.Item>
  </Space>
);

/** What a quota's share is counted on, and how a fractional number is rounded. */
export const QuotaShareFields = ({ name }: { name: (string | number)[] }) => (
  <>
    <Required name={[...name, 'base']} label="Tính trên" message="Chọn cơ sở tính">
      <Select options={Object.entries(quotaBaseLabels).map(([value, label]) => ({ value, label }))} />
    </Required>
    <Choice
      name={[...name, 'rounding']}
      label="Làm tròn"
      options={[
        { value: 'floor', label: 'Làm tròn xuống' },
        { value: 'ceil', label: 'Làm tròn lên' },
      ]}
    />
  </>
);

/**
 * A movement's own quotas, one fieldset each (the launch form and the amendment). A quota already kept by the
 * server carries its id, so the places nominations hold in it stay with it.
 */
export const MovementQuotaFields = ({ awardTypes }: { awardTypes: readonly AwardType[] }) => (
  <Form.List name="quotas">
    {(rows, { add, remove }) => (
      <>
        {rows.map((row, i) => (
          <fieldset key={row.key} style={{ border: '1px solid #d9d9d9', padding: 12, marginBottom: 12 }}>
            <legend style={{ width: 'auto', fontSize: 14, margin: 0 }}>Chỉ tiêu {i + 1}</legend>
            <Form.Item name={[row.name, 'id']} hidden>
              <Input />
            </Form.Item>
            <Space wrap align="start" className="long-choice-row">
              <Required
                name={[row.name, 'awardTypeId']}
                label="Hình thức khen thưởng"
                message="Chọn hình thức khen thưởng"
              >
                <Select
                  style={{ minWidth: 320 }}
                  options={awardTypes.map((t) => ({ value: t.id, label: t.name }))}
                />
              </Required>
              <Fraction name={[row.name, 'share']} label="Tỷ lệ tối đa" />
              <QuotaShareFields name={[row.name]} />
            </Space>
            <TextField
              name={[row.name, 'source']}
              label="Căn cứ (văn bản phát động, kế hoạch; hoặc ghi chưa xác minh)"
              message="Nêu căn cứ của chỉ tiêu"
              max={2000}
            />
            <Button onClick={() => remove(row.name)}>Bỏ chỉ tiêu {i + 1}</Button>
          </fieldset>
        ))}
        {/* Apart from what follows on its line (the launch form's send button). */}
        <Button
          style={{ marginBottom: 16, marginInlineEnd: 8 }}
          onClick={() =>
            add({ base: 'province-ntm-in-period', share: { num: 5, den: 100 }, rounding: 'floor' })
          }
        >
          Thêm chỉ tiêu
        </Button>
      </>
    )}
  </Form.List>
);

/**
 * A recipient as a list names it: a person with their position and unit ("Hà Văn Đức, Chủ tịch UBND xã, xã Nông
 * Thượng"), so two people of one name are told apart; a commune or a collective by its name.
 */
export const recipientLine = (r: Award['recipient']): string =>
  r.kind === 'individual' ? [r.name, positionAndUnit(r)].filter(Boolean).join(', ') : r.name;
