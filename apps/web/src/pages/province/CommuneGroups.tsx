import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Alert, Button, Form, Input, Radio, Select, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate } from '../../labels';
import { searchByName } from '../../search';
import { DateField, PageTitle, Required, TextField, useCommunes } from '../emulation/shared';
import { Refusal, SettingsNav, useProvinceSettings, useSettingsForm } from './shared';

type CommuneGroup = components['schemas']['CommuneGroup'];
type GroupFact = components['schemas']['CommuneGroupFact'];

/** Decision 51/2025/QĐ-TTg's groups, as the province's documents name them. */
const groupLabels: Record<CommuneGroup, string> = {
  'nhom-1': 'Nhóm 1',
  'nhom-2': 'Nhóm 2',
  'nhom-3': 'Nhóm 3',
};

interface GroupValues {
  communeCode: string;
  group: CommuneGroup;
  basis: string;
  decidedOn: Dayjs;
}

const groupQueryKey = (communeCode: string) => ['commune-group', communeCode];

/** A commune's group in force, read when its row is shown (a page of the list at a time). */
const useGroup = (communeCode: string) =>
  useQuery({
    queryKey: groupQueryKey(communeCode),
    queryFn: async (): Promise<GroupFact | null> =>
      (await unwrap(api.GET('/api/v1/communes/{communeCode}/group', { params: { path: { communeCode } } })))
        .group,
  });

const GroupCell = ({ communeCode, show }: { communeCode: string; show: (g: GroupFact) => string }) => {
  const group = useGroup(communeCode);
  if (group.isLoading) return <>Đang tải…</>;
  if (group.error) return <>Không tải được</>;
  return <>{group.data ? show(group.data) : '—'}</>;
};

/**
 * "Nhóm xã": the province's communes in force with the group each is in (nhóm 1, 2, 3 of Decision 51/2025/QĐ-TTg,
 * which decides the levels a commune may open a dossier for), found by name or code; the province's own officer
 * sets a commune's group with the document it rests on.
 */
export default function CommuneGroups() {
  const { provinceCode, mayChange } = useProvinceSettings();
  const { units, communes } = useCommunes(provinceCode);
  const [search, setSearch] = useState('');
  const found = useMemo(() => {
    const q = search.trim();
    // By name with or without diacritics, as the app's other lists of communes.
    return q
      ? communes.filter((c) => c.code.includes(q) || searchByName.filterOption(q, { label: c.name }))
      : communes;
  }, [communes, search]);
  return (
    <>
      <PageTitle>Nhóm xã</PageTitle>
      <SettingsNav />
      <p>
        Nhóm xã theo Quyết định 51/2025/QĐ-TTg do tỉnh xác định; nhóm quyết định xã được lập hồ sơ đề nghị
        công nhận ở mức nào.
      </p>
      {units.error && <Alert type="error" showIcon role="alert" title={units.error.message} />}
      {mayChange && <GroupForm communes={communes} provinceCode={provinceCode} />}
      <section aria-labelledby="danh-sach-xa">
        <h2 id="danh-sach-xa" style={{ fontSize: 20 }}>
          Các xã của tỉnh
        </h2>
        <label htmlFor="tim-xa" style={{ display: 'block', marginBottom: 4 }}>
          Tìm xã (tên hoặc mã)
        </label>
        <Input
          id="tim-xa"
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 360, marginBottom: 12 }}
        />
        <Table
          size="small"
          rowKey="code"
          loading={units.isLoading}
          dataSource={found}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: units.isLoading ? 'Đang tải…' : 'Không có xã nào khớp với tìm kiếm.' }}
          columns={[
            { title: 'Mã xã', dataIndex: 'code', width: 100 },
            { title: 'Tên xã', dataIndex: 'name' },
            {
              title: 'Nhóm',
              key: 'group',
              width: 110,
              render: (_, c) => <GroupCell communeCode={c.code} show={(g) => groupLabels[g.group]} />,
            },
            {
              title: 'Căn cứ',
              key: 'basis',
              render: (_, c) => <GroupCell communeCode={c.code} show={(g) => g.basis} />,
            },
            {
              title: 'Ngày văn bản',
              key: 'decidedOn',
              width: 130,
              render: (_, c) => <GroupCell communeCode={c.code} show={(g) => formatDate(g.decidedOn)} />,
            },
          ]}
        />
      </section>
    </>
  );
}

const GroupForm = ({
  communes,
  provinceCode,
}: {
  communes: { code: string; name: string }[];
  provinceCode: string;
}) => {
  const { form, refused, forget, save } = useSettingsForm(
    ({ communeCode, group, basis, decidedOn }: GroupValues) =>
      unwrap(
        api.POST('/api/v1/communes/{communeCode}/group', {
          params: { path: { communeCode } },
          body: { provinceCode, group, basis: basis.trim(), decidedOn: decidedOn.format('YYYY-MM-DD') },
        }),
      ),
    (answer) =>
      `Đã xác định nhóm của ${communes.find((c) => c.code === answer.communeCode)?.name ?? answer.communeCode}`,
    // The form keeps its values: the next commune of the same document needs only its choice.
    (answer, queryClient) => queryClient.setQueryData(groupQueryKey(answer.communeCode), answer.group),
  );
  return (
    <section aria-labelledby="xac-dinh-nhom" style={{ marginBottom: 24 }}>
      <h2 id="xac-dinh-nhom" style={{ fontSize: 20 }}>
        Xác định nhóm xã
      </h2>
      <Refusal refused={refused} />
      <Form<GroupValues>
        name="nhom-xa"
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        onValuesChange={forget}
        onFinish={(v) => save.mutate(v)}
      >
        <Required name="communeCode" label="Xã" message="Chọn xã">
          <Select
            showSearch={searchByName}
            options={communes.map((c) => ({ value: c.code, label: `${c.name} (mã ${c.code})` }))}
          />
        </Required>
        <Required name="group" label="Nhóm" message="Chọn nhóm">
          <Radio.Group options={Object.entries(groupLabels).map(([value, label]) => ({ value, label }))} />
        </Required>
        <TextField
          name="basis"
          label="Căn cứ (số, ký hiệu, trích yếu văn bản của tỉnh)"
          message="Nhập căn cứ xác định nhóm"
          max={500}
        />
        <DateField name="decidedOn" label="Ngày văn bản" />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Lưu nhóm xã
        </Button>
      </Form>
    </section>
  );
};
