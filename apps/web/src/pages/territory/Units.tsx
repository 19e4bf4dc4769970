import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Alert, Button, Card, Form, Input, Radio, Select, Space, Table } from 'antd';
import { api, ApiError, unwrap } from '../../api/client';
import { useAuth } from '../../auth';
import { formatDate } from '../../labels';
import { searchByName } from '../../search';
import { CommandForm, DateField, PageTitle, Required, TextField } from '../emulation/shared';
import {
  basisText,
  readAfterWrite,
  recordPath,
  unitStatusLabels,
  UnitStatusTag,
  useTerritoryCommand,
  type ProvinceUnits,
  type UnitStatus,
} from './shared';

type UnitRow = ProvinceUnits['communes'][number] & { kind: 'district' | 'commune' };

interface MergerValues {
  predecessorCodes: string[];
  successorCode: string;
  successorName: string;
  effectiveOn: Dayjs;
  basisNumber: string;
  basisIssuedOn: Dayjs;
  unverified?: string;
}

/** The merger form's fields, by the register's names for them. */
const mergerFieldLabels: Record<string, string> = {
  predecessorCodes: 'Các xã được sắp xếp',
  successorCode: 'Mã xã mới',
  successorName: 'Tên xã mới',
  effectiveOn: 'Ngày có hiệu lực',
  'basis.number': 'Số nghị quyết, quyết định sắp xếp',
  'basis.issuedOn': 'Ngày ban hành',
  'basis.unverified': 'Ghi chú',
  provinceCode: 'Mã tỉnh',
};

/**
 * The register answers for a list of changes ("changes[0].successorCode: …"); the form sends one, so each problem
 * is told by the field the officer filled.
 */
const asMergerProblems = (error: unknown): unknown => {
  if (!(error instanceof ApiError) || error.violations.length === 0) return error;
  return new ApiError(
    error.status,
    error.code,
    'Chưa ghi được việc sắp xếp xã:',
    error.violations.map((v) => {
      const field = v.field?.replace(/^changes\[\d+\]\.?/, '').replace(/\[\d+\]$/, '') ?? '';
      const message = v.message.replace(/^changes\[\d+\][^:]*: /, '');
      return {
        ...v,
        message: mergerFieldLabels[field] ? `${mergerFieldLabels[field]}: ${message}` : message,
      };
    }),
  );
};

const kindLabels: Record<UnitRow['kind'], string> = { district: 'Huyện', commune: 'Xã' };

/**
 * The province's administrative units from the register (GET admin/units/{province}): each commune and former
 * district with its status and lineage (formed from which units, merged into which). Opening a commune's row
 * leads to its recognition record; the administrator records a merger here (POST admin/units/changes).
 */
export default function Units() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  // An administrator works on any province and names it; everyone else sees their own.
  const provinceCode = user?.provinceCode ?? params.get('tinh') ?? '';
  const [status, setStatus] = useState<UnitStatus | 'all'>('all');
  const units = useQuery({
    queryKey: ['territory', 'units', provinceCode],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/admin/units/{provinceCode}', {
          params: { path: { provinceCode }, query: readAfterWrite() },
        }),
      ),
    enabled: provinceCode !== '',
  });
  const rows: UnitRow[] = units.data
    ? [
        ...units.data.communes.map((c) => ({ ...c, kind: 'commune' as const })),
        ...units.data.districts.map((d) => ({ ...d, districtCode: null, kind: 'district' as const })),
      ]
    : [];
  const nameOf = (code: string) => {
    const unit = rows.find((u) => u.code === code);
    return unit ? `${unit.name} (mã ${code})` : `mã ${code}`;
  };
  return (
    <>
      <PageTitle>Đơn vị hành chính{units.data ? ` — ${units.data.name}` : ''}</PageTitle>
      {!user?.provinceCode && (
        <ProvinceChoice value={provinceCode} onChoose={(code) => setParams({ tinh: code })} />
      )}
      {units.error && <Alert type="error" showIcon role="alert" title={units.error.message} />}
      {units.data && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Card title={<h2 className="card-title">Danh mục xã, huyện của tỉnh</h2>}>
            <Space wrap style={{ marginBottom: 16 }}>
              <span id="unit-status-filter">Tình trạng:</span>
              <Radio.Group
                aria-labelledby="unit-status-filter"
                value={status}
                onChange={(e) => setStatus(e.target.value as UnitStatus | 'all')}
                options={[
                  { value: 'all', label: 'Tất cả' },
                  ...Object.entries(unitStatusLabels).map(([value, label]) => ({ value, label })),
                ]}
              />
            </Space>
            <Table<UnitRow>
              rowKey="code"
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              loading={units.isFetching}
              dataSource={rows.filter((u) => status === 'all' || u.status === status)}
              locale={{ emptyText: <span style={{ color: '#262626' }}>Không có đơn vị nào.</span> }}
              columns={[
                {
                  title: 'Tên đơn vị',
                  key: 'name',
                  render: (_, u) =>
                    u.kind === 'commune' ? (
                      <Link
                        to={recordPath(u.code)}
                        state={{ units: params.size ? `?${params.toString()}` : '' }}
                        style={{ textDecoration: 'underline' }}
                      >
                        {u.name}
                      </Link>
                    ) : (
                      u.name
                    ),
                },
                { title: 'Mã', dataIndex: 'code' },
                { title: 'Cấp', key: 'kind', render: (_, u) => kindLabels[u.kind] },
                { title: 'Tình trạng', key: 'status', render: (_, u) => <UnitStatusTag status={u.status} /> },
                {
                  title: 'Hình thành từ',
                  key: 'formedFrom',
                  render: (_, u) => u.predecessorCodes.map(nameOf).join('; ') || '—',
                },
                {
                  title: 'Sắp xếp vào',
                  key: 'mergedInto',
                  render: (_, u) => (u.successorCode ? nameOf(u.successorCode) : '—'),
                },
                { title: 'Từ ngày', key: 'since', render: (_, u) => formatDate(u.since) },
                { title: 'Căn cứ', key: 'basis', render: (_, u) => (u.basis ? basisText(u.basis) : '—') },
              ]}
            />
          </Card>
          {user?.role === 'admin' && <RecordMerger units={units.data} />}
        </Space>
      )}
    </>
  );
}

/** The administrator names the province to work on (an account bound to none). */
const ProvinceChoice = ({ value, onChoose }: { value: string; onChoose: (code: string) => void }) => (
  <Form
    name="province"
    layout="inline"
    initialValues={{ provinceCode: value }}
    onFinish={(v: { provinceCode: string }) => onChoose(v.provinceCode)}
    style={{ marginBottom: 16 }}
  >
    <Form.Item
      name="provinceCode"
      label="Mã tỉnh"
      rules={[{ required: true, pattern: /^\d{2}$/, message: 'Mã tỉnh gồm 2 chữ số' }]}
    >
      <Input maxLength={2} style={{ width: 80 }} />
    </Form.Item>
    <Button htmlType="submit">Xem đơn vị hành chính</Button>
  </Form>
);

/** A merger of communes (sắp xếp đơn vị hành chính cấp xã), as the resolution that made it reads. */
const RecordMerger = ({ units }: { units: ProvinceUnits }) => {
  const [form] = Form.useForm<MergerValues>();
  const active = units.communes.filter((c) => c.status === 'active');
  const merge = useTerritoryCommand(
    (v: MergerValues, header) =>
      unwrap(
        api.POST('/api/v1/admin/units/changes', {
          // Not in the route's OpenAPI parameters, but read by every command: a retry acts once.
          headers: header,
          body: {
            changes: [
              {
                type: 'MergeUnits',
                kind: 'commune',
                predecessorCodes: v.predecessorCodes,
                successorCode: v.successorCode.trim(),
                successorName: v.successorName.trim(),
                provinceCode: units.provinceCode,
                effectiveOn: v.effectiveOn.format('YYYY-MM-DD'),
                basis: {
                  number: v.basisNumber.trim(),
                  issuedOn: v.basisIssuedOn.format('YYYY-MM-DD'),
                  ...(v.unverified?.trim() ? { unverified: v.unverified.trim() } : {}),
                },
              },
            ],
          },
        }),
      ),
    'Đã ghi việc sắp xếp xã',
    () => form.resetFields(),
  );
  return (
    <Card title={<h2 className="card-title">Ghi sắp xếp xã</h2>}>
      <p className="secondary">
        Các xã được sắp xếp chuyển sang tình trạng &ldquo;Đã sắp xếp&rdquo;; xã mới mang mã mới, hoặc mã của
        một xã được sắp xếp khi nghị quyết giữ lại mã đó.
      </p>
      <CommandForm<MergerValues>
        name="merger"
        form={form}
        command={{ ...merge, error: asMergerProblems(merge.error) }}
        submitText="Ghi sắp xếp"
      >
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
          <DateField name="effectiveOn" label="Ngày có hiệu lực" />
        </Space>
        <Space wrap align="start">
          <TextField
            name="basisNumber"
            label="Số nghị quyết, quyết định sắp xếp"
            message="Nhập số nghị quyết, quyết định"
            max={100}
          />
          <DateField name="basisIssuedOn" label="Ngày ban hành" />
        </Space>
        <Form.Item
          name="unverified"
          label="Ghi chú nếu chưa đối chiếu được với văn bản chính thức (để trống nếu đã đối chiếu)"
        >
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </CommandForm>
    </Card>
  );
};
