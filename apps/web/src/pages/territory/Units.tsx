import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Radio, Space, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../auth';
import { formatDate } from '../../labels';
import { stackOnPhone } from '../../components/stack-on-phone';
import { PageTitle } from '../emulation/shared';
import {
  basisText,
  FormerNames,
  readAfterWrite,
  recordPath,
  unitStatusLabels,
  UnitStatusTag,
  type ProvinceUnits,
  type UnitStatus,
} from './shared';
import {
  DissolveUnit,
  LoadProvinceUnits,
  RecordMerger,
  RegisterUnit,
  RenameUnit,
  type ListedUnit,
} from './UnitChanges';

type UnitRow = ProvinceUnits['communes'][number] & { kind: 'district' | 'commune' };
type VillageRow = ProvinceUnits['villages'][number];

const kindLabels: Record<UnitRow['kind'], string> = { district: 'Huyện', commune: 'Xã' };

/**
 * The province's administrative units from the register (GET admin/units/{province}): each commune and former
 * district with its status and lineage (formed from which units, merged into which), a commune's villages under
 * its row (surveys count households by village). Opening a commune's name leads to its recognition record. The administrator records here a merger, a renaming, a dissolution or a new unit
 * (POST admin/units/changes), and loads the province's list from a file (PUT admin/units/{province}).
 */
export default function Units() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  // An administrator works on any province and names it; everyone else sees their own.
  const provinceCode = user?.provinceCode ?? params.get('tinh') ?? '';
  const [status, setStatus] = useState<UnitStatus | 'all'>('all');
  const [acting, setActing] = useState<{ action: 'rename' | 'dissolve'; unit: ListedUnit } | null>(null);
  const admin = user?.role === 'admin';
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
  const shown = (u: { status: UnitStatus }) => status === 'all' || u.status === status;
  // The status filter holds inside an opened commune too: its villages of that status only.
  const villagesOf = (communeCode: string) =>
    units.data?.villages.filter((v) => v.communeCode === communeCode && shown(v)) ?? [];
  const actions = (u: ListedUnit & { status: UnitStatus }) =>
    u.status === 'active' && (
      <Space size="small">
        <Button
          size="small"
          aria-label={`Đổi tên ${u.name}`}
          onClick={() => setActing({ action: 'rename', unit: u })}
        >
          Đổi tên
        </Button>
        <Button
          size="small"
          danger
          aria-label={`Giải thể ${u.name}`}
          onClick={() => setActing({ action: 'dissolve', unit: u })}
        >
          Giải thể
        </Button>
      </Space>
    );
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
              dataSource={rows.filter(shown)}
              locale={{ emptyText: <span style={{ color: '#262626' }}>Không có đơn vị nào.</span> }}
              expandable={{
                rowExpandable: (u) => u.kind === 'commune' && villagesOf(u.code).length > 0,
                expandedRowRender: (u) => (
                  <Villages
                    commune={u.name}
                    villages={villagesOf(u.code)}
                    actions={admin ? (v) => actions({ ...v, kind: 'village' }) : undefined}
                  />
                ),
                expandIcon: ({ expanded, expandable, onExpand, record }) =>
                  expandable && (
                    <Button
                      size="small"
                      aria-expanded={expanded}
                      aria-label={`Thôn, tổ dân phố của ${record.name}`}
                      onClick={(e) => onExpand(record, e)}
                    >
                      {expanded ? '−' : '+'}
                    </Button>
                  ),
              }}
              {...stackOnPhone<UnitRow>([
                {
                  title: 'Tên đơn vị',
                  key: 'name',
                  render: (_, u) => (
                    <>
                      {u.kind === 'commune' ? (
                        <Link
                          to={recordPath(u.code)}
                          state={{ units: params.size ? `?${params.toString()}` : '' }}
                          style={{ textDecoration: 'underline' }}
                        >
                          {u.name}
                        </Link>
                      ) : (
                        u.name
                      )}
                      <FormerNames names={u.formerNames} />
                    </>
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
                ...(admin
                  ? [
                      {
                        title: 'Thao tác',
                        key: 'actions',
                        rowActions: true,
                        render: (_: unknown, u: UnitRow) => actions(u),
                      },
                    ]
                  : []),
              ])}
            />
          </Card>
          {admin && <RecordMerger units={units.data} />}
          {admin && <RegisterUnit units={units.data} />}
        </Space>
      )}
      {/* A province not registered yet is loaded here too. */}
      {admin && provinceCode !== '' && (
        <div style={{ marginTop: 24 }}>
          <LoadProvinceUnits provinceCode={provinceCode} />
        </div>
      )}
      {acting?.action === 'rename' && <RenameUnit unit={acting.unit} onClose={() => setActing(null)} />}
      {acting?.action === 'dissolve' && <DissolveUnit unit={acting.unit} onClose={() => setActing(null)} />}
    </>
  );
}

/** A commune's villages (thôn, tổ dân phố) with their status and former names; the administrator's actions. */
const Villages = ({
  commune,
  villages,
  actions,
}: {
  commune: string;
  villages: VillageRow[];
  actions?: (v: VillageRow) => ReactNode;
}) => (
  <section aria-label={`Thôn, tổ dân phố của ${commune}`}>
    <Table<VillageRow>
      rowKey="code"
      size="small"
      pagination={false}
      dataSource={villages}
      {...stackOnPhone<VillageRow>([
        {
          title: 'Thôn, tổ dân phố',
          key: 'name',
          render: (_, v) => (
            <>
              {v.name}
              <FormerNames names={v.formerNames} />
            </>
          ),
        },
        { title: 'Mã', dataIndex: 'code' },
        { title: 'Tình trạng', key: 'status', render: (_, v) => <UnitStatusTag status={v.status} /> },
        { title: 'Từ ngày', key: 'since', render: (_, v) => formatDate(v.since) },
        { title: 'Căn cứ', key: 'basis', render: (_, v) => (v.basis ? basisText(v.basis) : '—') },
        ...(actions
          ? [
              {
                title: 'Thao tác',
                key: 'actions',
                rowActions: true,
                render: (_: unknown, v: VillageRow) => actions(v),
              },
            ]
          : []),
      ])}
    />
  </section>
);

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
