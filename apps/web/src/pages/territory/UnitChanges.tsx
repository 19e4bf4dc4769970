// The administrator's changes of the register (POST admin/units/changes, one change a form) and the province's list
// loaded from a file (PUT admin/units/{province}).
import type { Dayjs } from 'dayjs';
import { Card, Checkbox, Form, Input, Select, Space } from 'antd';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import JsonFileLoad from '../../components/JsonFileLoad';
import { searchByName } from '../../search';
import { CommandForm, CommandModal, DateField, Required, TextField } from '../emulation/shared';
import { useTerritoryCommand, useTerritoryWrite, type ProvinceUnits } from './shared';

type UnitChange = components['schemas']['UnitChangeDto'];

/** A unit of the list the administrator acts on. */
export interface ListedUnit {
  code: string;
  name: string;
  kind: 'district' | 'commune' | 'village';
}

/** The act a change rests on, as the form asks for it. */
interface BasisValues {
  effectiveOn: Dayjs;
  basisNumber: string;
  basisIssuedOn: Dayjs;
  unverified?: string;
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

const basisOf = (v: BasisValues) => ({
  effectiveOn: day(v.effectiveOn),
  basis: {
    number: v.basisNumber.trim(),
    issuedOn: day(v.basisIssuedOn),
    ...(v.unverified?.trim() ? { unverified: v.unverified.trim() } : {}),
  },
});

/** The effective date and the act's number and date, with the note for an act not checked against its text. */
const BasisFields = ({ numberLabel }: { numberLabel: string }) => (
  <>
    <Space wrap align="start">
      <DateField name="effectiveOn" label="Ngày có hiệu lực" />
      <TextField name="basisNumber" label={numberLabel} message="Nhập số văn bản" max={100} />
      <DateField name="basisIssuedOn" label="Ngày ban hành" />
    </Space>
    <Form.Item
      name="unverified"
      label="Ghi chú nếu chưa đối chiếu được với văn bản chính thức (để trống nếu đã đối chiếu)"
    >
      <Input.TextArea rows={2} maxLength={500} />
    </Form.Item>
  </>
);

/** The register's names of the basis fields, by the labels the form shows. */
const basisLabels = (numberLabel: string): Record<string, string> => ({
  effectiveOn: 'Ngày có hiệu lực',
  'basis.number': numberLabel,
  'basis.issuedOn': 'Ngày ban hành',
  'basis.unverified': 'Ghi chú',
});

/**
 * The register answers for a list of changes ("changes[0].successorCode: …"); a form sends one, so each problem
 * is told by the field the officer filled.
 */
const asChangeProblems = (error: unknown, heading: string, labels: Record<string, string>): unknown => {
  if (!(error instanceof ApiError) || error.violations.length === 0) return error;
  return new ApiError(
    error.status,
    error.code,
    heading,
    error.violations.map((v) => {
      const field = v.field?.replace(/^changes\[\d+\]\.?/, '').replace(/\[\d+\]$/, '') ?? '';
      const message = v.message.replace(/^changes\[\d+\][^:]*: /, '');
      return { ...v, message: labels[field] ? `${labels[field]}: ${message}` : message };
    }),
  );
};

/** Sends one change of the register; its refusal comes back told by the form's fields. */
const useUnitChange = <V,>(
  change: (values: V) => UnitChange,
  success: string,
  refusal: { heading: string; labels: Record<string, string> },
  after?: () => void,
) => {
  const command = useTerritoryCommand(
    (v: V, header) =>
      unwrap(
        api.POST('/api/v1/admin/units/changes', {
          // Not in the route's OpenAPI parameters, but read by every command: a retry acts once.
          headers: header,
          body: { changes: [change(v)] },
        }),
      ),
    success,
    after,
  );
  return { ...command, error: asChangeProblems(command.error, refusal.heading, refusal.labels) };
};

interface MergerValues extends BasisValues {
  predecessorCodes: string[];
  successorCode: string;
  successorName: string;
}

const MERGER_BASIS = 'Số nghị quyết, quyết định sắp xếp';

/** A merger of communes (sắp xếp đơn vị hành chính cấp xã), as the resolution that made it reads. */
export const RecordMerger = ({ units }: { units: ProvinceUnits }) => {
  const [form] = Form.useForm<MergerValues>();
  const active = units.communes.filter((c) => c.status === 'active');
  const merge = useUnitChange(
    (v: MergerValues) => ({
      type: 'MergeUnits',
      kind: 'commune',
      predecessorCodes: v.predecessorCodes,
      successorCode: v.successorCode.trim(),
      successorName: v.successorName.trim(),
      provinceCode: units.provinceCode,
      ...basisOf(v),
    }),
    'Đã ghi việc sắp xếp xã',
    {
      heading: 'Chưa ghi được việc sắp xếp xã:',
      labels: {
        predecessorCodes: 'Các xã được sắp xếp',
        successorCode: 'Mã xã mới',
        successorName: 'Tên xã mới',
        provinceCode: 'Mã tỉnh',
        ...basisLabels(MERGER_BASIS),
      },
    },
    () => form.resetFields(),
  );
  return (
    <Card title={<h2 className="card-title">Ghi sắp xếp xã</h2>}>
      <p className="secondary">
        Các xã được sắp xếp chuyển sang tình trạng &ldquo;Đã sắp xếp&rdquo;; xã mới mang mã mới, hoặc mã của
        một xã được sắp xếp khi nghị quyết giữ lại mã đó.
      </p>
      <CommandForm<MergerValues> name="merger" form={form} command={merge} submitText="Ghi sắp xếp">
        <Required name="predecessorCodes" label="Các xã được sắp xếp" message="Chọn các xã được sắp xếp">
          <Select
            mode="multiple"
            showSearch
            {...searchByName}
            aria-label="Các xã được sắp xếp"
            options={active.map((c) => ({ value: c.code, label: `${c.name} (mã ${c.code})` }))}
          />
        </Required>
        <Space wrap align="start">
          <Form.Item
            name="successorCode"
            label="Mã xã mới"
            rules={[{ required: true, pattern: /^\d{5}$/, message: 'Mã xã gồm 5 chữ số' }]}
          >
            <Input maxLength={5} style={{ width: 120 }} />
          </Form.Item>
          <TextField name="successorName" label="Tên xã mới" message="Nhập tên xã mới" max={200} />
        </Space>
        <BasisFields numberLabel={MERGER_BASIS} />
      </CommandForm>
    </Card>
  );
};

const ACT = 'Số văn bản';

interface RenameValues extends BasisValues {
  name: string;
}

/** A unit renamed by an act (đổi tên đơn vị hành chính). */
export const RenameUnit = ({ unit, onClose }: { unit: ListedUnit; onClose: () => void }) => {
  const rename = useUnitChange(
    (v: RenameValues) => ({ type: 'RenameUnit', code: unit.code, name: v.name.trim(), ...basisOf(v) }),
    `Đã ghi việc đổi tên ${unit.name}`,
    {
      heading: `Chưa ghi được việc đổi tên ${unit.name}:`,
      labels: { name: 'Tên mới', code: 'Mã đơn vị', ...basisLabels(ACT) },
    },
    onClose,
  );
  return (
    <CommandModal<RenameValues>
      name="rename"
      title={`Đổi tên ${unit.name} (mã ${unit.code})`}
      okText="Ghi đổi tên"
      command={rename}
      onClose={onClose}
    >
      <TextField name="name" label="Tên mới" message="Nhập tên mới" max={200} />
      <BasisFields numberLabel={ACT} />
    </CommandModal>
  );
};

interface DissolveValues extends BasisValues {
  confirmed: boolean;
}

/** A unit dissolved by an act (giải thể): it leaves the active list for good, so the officer confirms it. */
export const DissolveUnit = ({ unit, onClose }: { unit: ListedUnit; onClose: () => void }) => {
  const dissolve = useUnitChange(
    (v: DissolveValues) => ({ type: 'DissolveUnit', code: unit.code, ...basisOf(v) }),
    `Đã ghi việc giải thể ${unit.name}`,
    {
      heading: `Chưa ghi được việc giải thể ${unit.name}:`,
      labels: { code: 'Mã đơn vị', ...basisLabels(ACT) },
    },
    onClose,
  );
  return (
    <CommandModal<DissolveValues>
      name="dissolve"
      title={`Giải thể ${unit.name} (mã ${unit.code})`}
      okText="Giải thể"
      danger
      command={dissolve}
      onClose={onClose}
    >
      <p>
        {unit.name} sẽ chuyển sang tình trạng &ldquo;Đã giải thể&rdquo; từ ngày có hiệu lực; hồ sơ mới không
        chọn được đơn vị này nữa. Việc giải thể không hoàn tác được trên màn hình.
      </p>
      <BasisFields numberLabel={ACT} />
      <Form.Item
        name="confirmed"
        valuePropName="checked"
        rules={[
          {
            validator: (_, checked) =>
              checked ? Promise.resolve() : Promise.reject(new Error('Đánh dấu xác nhận trước khi giải thể')),
          },
        ]}
      >
        <Checkbox>Tôi xác nhận giải thể {unit.name} theo văn bản trên</Checkbox>
      </Form.Item>
    </CommandModal>
  );
};

type NewKind = 'district' | 'commune' | 'village';

interface RegisterValues extends BasisValues {
  kind: NewKind;
  code: string;
  name: string;
  parentCode?: string;
}

const newKinds: Record<NewKind, { label: string; code: RegExp; codeHint: string }> = {
  commune: { label: 'Xã, phường, đặc khu', code: /^\d{5}$/, codeHint: 'Mã xã gồm 5 chữ số' },
  village: {
    label: 'Thôn, tổ dân phố',
    code: /^\d{5}-[0-9A-Za-z]{1,10}$/,
    codeHint: 'Mã thôn: mã xã, gạch nối, số thứ tự',
  },
  district: { label: 'Huyện (trước 01/07/2025)', code: /^\d{3}$/, codeHint: 'Mã huyện gồm 3 chữ số' },
};

/** A unit the act creates (thành lập), under its province and, for a village, its commune. */
export const RegisterUnit = ({ units }: { units: ProvinceUnits }) => {
  const [form] = Form.useForm<RegisterValues>();
  const kind = Form.useWatch('kind', form) ?? 'commune';
  const parents =
    kind === 'village'
      ? units.communes.filter((c) => c.status === 'active')
      : kind === 'commune'
        ? units.districts.filter((d) => d.status === 'active')
        : [];
  const register = useUnitChange(
    (v: RegisterValues) => ({
      type: 'RegisterUnit',
      kind: v.kind,
      code: v.code.trim(),
      name: v.name.trim(),
      provinceCode: units.provinceCode,
      ...(v.parentCode ? { parentCode: v.parentCode } : {}),
      ...basisOf(v),
    }),
    'Đã thêm đơn vị vào danh mục',
    {
      heading: 'Chưa thêm được đơn vị:',
      labels: {
        kind: 'Cấp',
        code: 'Mã đơn vị',
        name: 'Tên đơn vị',
        parentCode: 'Trực thuộc',
        provinceCode: 'Mã tỉnh',
        ...basisLabels(ACT),
      },
    },
    () => form.resetFields(),
  );
  return (
    <Card title={<h2 className="card-title">Thêm đơn vị</h2>}>
      <CommandForm<RegisterValues>
        name="register"
        form={form}
        initialValues={{ kind: 'commune' }}
        command={register}
        submitText="Thêm đơn vị"
      >
        <Space wrap align="start">
          <Required name="kind" label="Cấp" message="Chọn cấp">
            <Select
              aria-label="Cấp"
              style={{ width: 220 }}
              onChange={() => form.setFieldValue('parentCode', undefined)}
              options={Object.entries(newKinds).map(([value, k]) => ({ value, label: k.label }))}
            />
          </Required>
          <Form.Item
            name="code"
            label="Mã đơn vị"
            rules={[{ required: true, pattern: newKinds[kind].code, message: newKinds[kind].codeHint }]}
          >
            <Input maxLength={20} style={{ width: 160 }} />
          </Form.Item>
          <TextField name="name" label="Tên đơn vị" message="Nhập tên đơn vị" max={200} />
          {kind !== 'district' && (
            <Form.Item
              name="parentCode"
              label={kind === 'village' ? 'Thuộc xã' : 'Thuộc huyện (bỏ trống sau 01/07/2025)'}
              rules={[{ required: kind === 'village', message: 'Chọn xã của thôn' }]}
            >
              <Select
                allowClear
                showSearch
                {...searchByName}
                aria-label={kind === 'village' ? 'Thuộc xã' : 'Thuộc huyện'}
                style={{ width: 260 }}
                options={parents.map((u) => ({ value: u.code, label: `${u.name} (mã ${u.code})` }))}
              />
            </Form.Item>
          )}
        </Space>
        <BasisFields numberLabel={ACT} />
      </CommandForm>
    </Card>
  );
};

const EXAMPLE = `{
  "name": "Tỉnh Bắc Kạn",
  "districts": [{ "code": "058", "name": "Thành phố Bắc Kạn" }],
  "communes": [{ "code": "01843", "name": "xã Nông Thượng", "districtCode": "058" }]
}`;

/** The province's whole list from a file: new units are registered, a known code with another name is renamed. */
export const LoadProvinceUnits = ({ provinceCode }: { provinceCode: string }) => {
  const wrote = useTerritoryWrite();
  return (
    <JsonFileLoad
      title="Nạp danh mục của tỉnh"
      hint={
        <>
          Tệp gồm tên tỉnh (name), các huyện (districts: mã, tên; bỏ hẳn khi không còn cấp huyện) và các xã
          (communes: mã, tên, mã huyện nếu có). Đơn vị chưa có được thêm, đơn vị đã có mà tên khác được đổi
          tên; đơn vị không có trong tệp giữ nguyên. Tệp có lỗi thì không nạp gì, mỗi lỗi nêu dòng và trường
          trong tệp. Sắp xếp và giải thể ghi bằng các mục trên. Ví dụ:
          <pre style={{ background: '#f5f5f5', padding: 8, overflowX: 'auto', marginBottom: 0 }}>
            {EXAMPLE}
          </pre>
        </>
      }
      send={(text) =>
        unwrap(
          api.PUT('/api/v1/admin/units/{provinceCode}', {
            params: { path: { provinceCode } },
            body: { name: '', districts: [], communes: [] },
            bodySerializer: () => text,
          }),
        )
      }
      describe={(a) =>
        `Đã nạp danh mục của tỉnh mã ${a.provinceCode}: ${a.districts} huyện, ${a.communes} xã.`
      }
      onLoaded={wrote}
    />
  );
};
