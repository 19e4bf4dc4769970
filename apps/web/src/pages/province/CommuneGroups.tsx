import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Alert, Button, Form, Input, Radio, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { communeGroupLabels, formatDate } from '../../labels';
import { searchByName } from '../../search';
import { DateField, PageTitle, Required, TextField, useCommunes } from '../emulation/shared';
import {
  CommuneField,
  Refusal,
  SettingsNav,
  useProvinceSettings,
  useSettingsForm,
  type CommuneSettingProps,
} from './shared';

type CommuneGroup = components['schemas']['CommuneGroup'];
type GroupFact = components['schemas']['CommuneGroupFact'];

interface GroupValues {
  communeCode: string;
  group: CommuneGroup;
  basis: string;
  decidedOn: Dayjs;
}

/**
 * The groups of the province's communes, in one read of the commune-groups read model; after a setting, read at the
 * position the command answered so the new group shows.
 */
const useGroups = (provinceCode: string, minPosition: string | undefined) =>
  useQuery({
    queryKey: ['commune-groups', provinceCode, minPosition],
    enabled: provinceCode !== '',
    // The table keeps the groups it shows while the read after a setting is on its way.
    placeholderData: (previous) => previous,
    queryFn: async (): Promise<Map<string, GroupFact>> => {
      const answer = await unwrap(
        api.GET('/api/v1/provinces/{provinceCode}/commune-groups', {
          params: { path: { provinceCode }, query: minPosition ? { minPosition } : {} },
        }),
      );
      return new Map(answer.communes.map((c) => [c.communeCode, c.group]));
    },
  });

/**
 * "Nhóm xã": the province's communes in force with the group each is in (nhóm 1, 2, 3 of Decision 51/2025/QĐ-TTg,
 * which decides the levels a commune may open a dossier for), found by name or code; the province's own officer
 * sets a commune's group with the document it rests on.
 */
export default function CommuneGroups() {
  const { provinceCode, mayChange } = useProvinceSettings();
  const { units, communes } = useCommunes(provinceCode);
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const groups = useGroups(provinceCode, minPosition);
  const [search, setSearch] = useState('');
  const found = useMemo(() => {
    const q = search.trim();
    // By name with or without diacritics, as the app's other lists of communes.
    return q
      ? communes.filter((c) => c.code.includes(q) || searchByName.filterOption(q, { label: c.name }))
      : communes;
  }, [communes, search]);
  // "—" only once the groups are read: a commune with none set.
  const shown = (communeCode: string, show: (g: GroupFact) => string) => {
    if (!groups.data) return groups.isLoading ? 'Đang tải…' : '';
    const group = groups.data.get(communeCode);
    return group ? show(group) : '—';
  };
  return (
    <>
      <PageTitle>Nhóm xã</PageTitle>
      <SettingsNav />
      <p>
        Nhóm xã theo Quyết định 51/2025/QĐ-TTg do tỉnh xác định; nhóm quyết định xã được lập hồ sơ đề nghị
        công nhận ở mức nào.
      </p>
      {units.error && <Alert type="error" showIcon role="alert" title={units.error.message} />}
      {groups.error && <Alert type="error" showIcon role="alert" title={groups.error.message} />}
      {mayChange && <GroupForm communes={communes} provinceCode={provinceCode} saved={setMinPosition} />}
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
          loading={units.isLoading || groups.isLoading}
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
              render: (_, c) => shown(c.code, (g) => communeGroupLabels[g.group]),
            },
            {
              title: 'Căn cứ',
              key: 'basis',
              render: (_, c) => shown(c.code, (g) => g.basis),
            },
            {
              title: 'Ngày văn bản',
              key: 'decidedOn',
              width: 130,
              render: (_, c) => shown(c.code, (g) => formatDate(g.decidedOn)),
            },
          ]}
        />
      </section>
    </>
  );
}

const GroupForm = ({ communes, provinceCode, saved }: CommuneSettingProps) => {
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
    // A setting that changed nothing wrote nothing: the list stands as read.
    (answer) => answer.position && saved(answer.position),
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
        <CommuneField communes={communes} />
        <Required name="group" label="Nhóm" message="Chọn nhóm">
          <Radio.Group
            options={Object.entries(communeGroupLabels).map(([value, label]) => ({ value, label }))}
          />
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
