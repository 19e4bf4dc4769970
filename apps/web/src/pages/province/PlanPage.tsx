import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, InputNumber, Select, Space } from 'antd';
import { api, ApiError, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { FigureTable } from '../../components/FigureTable';
import type { Level } from '../../api/types';
import { formatDateTime, levelLabels } from '../../labels';
import { PageTitle, TextField, useCommunes } from '../emulation/shared';
import { Refusal, SettingsNav, useProvinceSettings, useSettingsForm } from './shared';

type Plan = components['schemas']['ProvincePlan'];
type Target = Plan['targets'][number];
type Periods = components['schemas']['ProgrammePeriods'];

/** One row of the form: the district is '' for a province-wide target. */
interface TargetRow {
  year?: number;
  level?: Level;
  target?: number;
  districtCode: string;
}

interface PlanValues {
  title: string;
  reference?: string;
  targets: TargetRow[];
}

const WHOLE_PROVINCE = '';

const planQueryKey = (provinceCode: string) => ['plan', provinceCode];

/** The province's plan; null while it has none. */
const usePlan = (provinceCode: string) =>
  useQuery({
    queryKey: planQueryKey(provinceCode),
    queryFn: async (): Promise<Plan | null> => {
      try {
        return await unwrap(api.GET('/api/v1/plans/{provinceCode}', { params: { path: { provinceCode } } }));
      } catch (e) {
        if (e instanceof ApiError && e.code === 'PLAN_NOT_FOUND') return null;
        throw e;
      }
    },
    enabled: provinceCode !== '',
  });

/** The programme's periods and the levels each offers (the server's list): a target's year decides its levels. */
const usePeriods = () =>
  useQuery({
    queryKey: ['periods'],
    queryFn: () => unwrap(api.GET('/api/v1/periods')),
    staleTime: Infinity,
  });

const periodOfYear = (periods: Periods, year: unknown) =>
  typeof year === 'number' ? periods.find((p) => year >= p.from && year <= p.to) : undefined;

const valuesOf = (plan: Plan | null): PlanValues =>
  plan
    ? {
        title: plan.title,
        reference: plan.reference ?? undefined,
        targets: plan.targets.map((t) => ({
          ...t,
          districtCode: t.districtCode ?? WHOLE_PROVINCE,
        })),
      }
    : { title: '', targets: [{ districtCode: WHOLE_PROVINCE }] };

/** The plan as the server takes it: a province-wide target names no district, an empty reference is none. */
const bodyOf = (v: PlanValues) => ({
  title: v.title.trim(),
  ...(v.reference?.trim() ? { reference: v.reference.trim() } : {}),
  targets: v.targets.map((t) => ({
    year: t.year!,
    level: t.level!,
    target: t.target!,
    ...(t.districtCode ? { districtCode: t.districtCode } : {}),
  })),
});

/**
 * "Kế hoạch của tỉnh": the plan the plan-progress report measures results against, its targets by year, level and
 * district; the province's own officer changes it in a form (the whole plan is saved at once, as the server keeps
 * it), others read it.
 */
export default function PlanPage() {
  const { provinceCode, mayChange } = useProvinceSettings();
  const plan = usePlan(provinceCode);
  const { units } = useCommunes(provinceCode);
  const districts = (units.data?.districts ?? []).filter((d) => d.status === 'active');
  const districtName = (code: string | null) =>
    code === null ? 'Toàn tỉnh' : (districts.find((d) => d.code === code)?.name ?? `Huyện mã ${code}`);
  return (
    <>
      <PageTitle>Kế hoạch của tỉnh</PageTitle>
      <SettingsNav />
      {plan.error && <Alert type="error" showIcon role="alert" title={plan.error.message} />}
      {plan.data === null && (
        <Alert
          type="info"
          showIcon
          title="Tỉnh chưa nhập kế hoạch"
          description={
            mayChange
              ? 'Nhập kế hoạch và các chỉ tiêu ở biểu mẫu dưới đây.'
              : 'Cán bộ cấp tỉnh nhập kế hoạch.'
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {plan.data && <PlanView plan={plan.data} districtName={districtName} />}
      {mayChange && plan.data !== undefined && (
        <PlanForm
          // A saved plan is the form's new starting point.
          key={plan.data?.updatedAt ?? 'new'}
          provinceCode={provinceCode}
          plan={plan.data}
          districts={districts}
        />
      )}
    </>
  );
}

const PlanView = ({ plan, districtName }: { plan: Plan; districtName: (code: string | null) => string }) => (
  <section aria-labelledby="ke-hoach-dang-ap-dung" style={{ marginBottom: 24 }}>
    <h2 id="ke-hoach-dang-ap-dung" style={{ fontSize: 20 }}>
      Kế hoạch đang áp dụng
    </h2>
    <Descriptions
      column={1}
      size="small"
      bordered
      items={[
        { key: 'title', label: 'Tên kế hoạch', children: plan.title },
        { key: 'reference', label: 'Số, ký hiệu văn bản', children: plan.reference ?? '—' },
        { key: 'updated', label: 'Cập nhật lần cuối', children: formatDateTime(plan.updatedAt) },
      ]}
      style={{ marginBottom: 16 }}
    />
    <FigureTable<Target>
      caption="Chỉ tiêu số xã đạt chuẩn theo năm, mức và địa bàn"
      rows={plan.targets}
      rowKey={(t) => `${t.districtCode ?? ''}|${t.year}|${t.level}`}
      empty="Kế hoạch chưa có chỉ tiêu nào."
      columns={[
        { title: 'Địa bàn', value: (t) => districtName(t.districtCode) },
        { title: 'Năm', value: (t) => t.year, numeric: true },
        { title: 'Mức đạt chuẩn', value: (t) => levelLabels[t.level] },
        { title: 'Chỉ tiêu (số xã)', value: (t) => t.target, numeric: true },
      ]}
    />
    <p style={{ marginTop: 12 }}>
      Kết quả so với chỉ tiêu:{' '}
      <Link to="/bao-cao" style={{ textDecoration: 'underline' }}>
        xem Tiến độ thực hiện kế hoạch ở trang Báo cáo
      </Link>
      .
    </p>
  </section>
);

const PlanForm = ({
  provinceCode,
  plan,
  districts,
}: {
  provinceCode: string;
  plan: Plan | null;
  districts: { code: string; name: string }[];
}) => {
  const { form, refused, forget, save } = useSettingsForm(
    (values: PlanValues) =>
      unwrap(
        api.PUT('/api/v1/plans/{provinceCode}', { params: { path: { provinceCode } }, body: bodyOf(values) }),
      ),
    () => 'Đã lưu kế hoạch của tỉnh',
    ({ position: _position, ...saved }, queryClient) => {
      queryClient.setQueryData<Plan | null>(planQueryKey(provinceCode), saved);
      // The dashboards measure against the plan: their next opening reads it again.
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
  );
  const periods = usePeriods();
  const areas = [
    { value: WHOLE_PROVINCE, label: 'Toàn tỉnh' },
    ...districts.map((d) => ({ value: d.code, label: d.name })),
  ];
  return (
    <section aria-labelledby="sua-ke-hoach">
      <h2 id="sua-ke-hoach" style={{ fontSize: 20 }}>
        {plan ? 'Sửa kế hoạch' : 'Nhập kế hoạch'}
      </h2>
      <Refusal refused={refused} />
      {periods.error && <Alert type="error" showIcon role="alert" title={periods.error.message} />}
      <Form<PlanValues>
        name="ke-hoach"
        form={form}
        layout="vertical"
        initialValues={valuesOf(plan)}
        onValuesChange={forget}
        onFinish={(v) => save.mutate(v)}
      >
        <TextField name="title" label="Tên kế hoạch" message="Nhập tên kế hoạch" max={500} />
        <Form.Item name="reference" label="Số, ký hiệu văn bản (nếu có)" style={{ maxWidth: 400 }}>
          <Input maxLength={200} placeholder="Ví dụ: 2017/KH-UBND" />
        </Form.Item>
        <Form.List name="targets">
          {(rows, { add, remove }, { errors }) => (
            <>
              {rows.map((row, i) => (
                <fieldset
                  key={row.key}
                  style={{ border: '1px solid #d9d9d9', padding: '8px 12px', marginBottom: 12 }}
                >
                  <legend style={{ width: 'auto', fontSize: 14, margin: 0, border: 0 }}>
                    Chỉ tiêu {i + 1}
                  </legend>
                  <Space wrap align="start">
                    <Form.Item
                      name={[row.name, 'year']}
                      label="Năm"
                      rules={[
                        { required: true, message: 'Nhập năm' },
                        { type: 'integer', min: 2000, max: 2100, message: 'Năm từ 2000 đến 2100' },
                      ]}
                    >
                      <InputNumber style={{ width: 100 }} />
                    </Form.Item>
                    <LevelField row={row.name} periods={periods.data ?? []} />
                    <Form.Item name={[row.name, 'districtCode']} label="Địa bàn">
                      <Select style={{ width: 220 }} options={areas} />
                    </Form.Item>
                    <Form.Item
                      name={[row.name, 'target']}
                      label="Số xã"
                      rules={[
                        { required: true, message: 'Nhập số xã' },
                        {
                          type: 'integer',
                          min: 0,
                          max: 100000,
                          message: 'Số xã là số nguyên từ 0 đến 100000',
                        },
                      ]}
                    >
                      <InputNumber style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item label=" ">
                      <Button onClick={() => remove(row.name)} aria-label={`Xóa chỉ tiêu ${i + 1}`}>
                        Xóa
                      </Button>
                    </Form.Item>
                  </Space>
                </fieldset>
              ))}
              <Form.Item>
                <Button onClick={() => add({ districtCode: WHOLE_PROVINCE })}>Thêm chỉ tiêu</Button>
                {/* A rule across the targets (a higher level above the lower one, a target twice) is told here. */}
                <Form.ErrorList errors={errors} />
              </Form.Item>
            </>
          )}
        </Form.List>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Lưu kế hoạch
        </Button>
      </Form>
    </section>
  );
};

/** A target's level: the choices are the levels of its year's period (hiện đại from 2026). */
const LevelField = ({ row, periods }: { row: number; periods: Periods }) => {
  const year: unknown = Form.useWatch(['targets', row, 'year'], Form.useFormInstance());
  const period = periodOfYear(periods, year);
  return (
    <Form.Item
      name={[row, 'level']}
      label="Mức đạt chuẩn"
      dependencies={[['targets', row, 'year']]}
      rules={[
        { required: true, message: 'Chọn mức đạt chuẩn' },
        {
          validator: async (_, level?: Level) => {
            if (level && period && !period.levels.includes(level))
              throw new Error(`Giai đoạn ${period.period} không có mức ${levelLabels[level].toLowerCase()}`);
          },
        },
      ]}
    >
      <Select
        style={{ width: 280 }}
        placeholder={period ? undefined : 'Nhập năm trước'}
        options={(period?.levels ?? []).map((l) => ({ value: l, label: levelLabels[l] }))}
      />
    </Form.Item>
  );
};
