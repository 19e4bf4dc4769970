import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Alert, Button, Form, Radio, Table, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { stackOnPhone } from '../../components/stack-on-phone';
import { formatDate } from '../../labels';
import { DateField, PageTitle, Required, TextField, useCommunes } from '../emulation/shared';
import {
  CommuneField,
  Refusal,
  SettingsNav,
  useProvinceSettings,
  useSettingsForm,
  type CommuneSettingProps,
} from './shared';

type PilotFact = components['schemas']['CommunePilotFact'];
type PilotRow = { communeCode: string; pilot: PilotFact };

interface PilotValues {
  communeCode: string;
  designated: boolean;
  basis: string;
  decidedOn: Dayjs;
}

/** The pilot communes of the province, from the commune-pilots read model; after a change, read at its position. */
const usePilots = (provinceCode: string, minPosition: string | undefined) =>
  useQuery({
    queryKey: ['commune-pilots', provinceCode, minPosition],
    enabled: provinceCode !== '',
    placeholderData: (previous) => previous,
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/provinces/{provinceCode}/commune-pilots', {
            params: { path: { provinceCode }, query: minPosition ? { minPosition } : {} },
          }),
        )
      ).communes,
  });

/**
 * "Xã thí điểm": the communes the province selected to pilot the "xã nông thôn mới hiện đại" (Decision 51/2025/QĐ-TTg,
 * Appendix II). Only they open a hiện đại dossier. The province's own officer adds a commune to the list or takes it
 * off, with the document that says so; the list keeps those taken off, with when and why.
 */
export default function PilotCommunes() {
  const { provinceCode, mayChange } = useProvinceSettings();
  const { units, communes } = useCommunes(provinceCode);
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const pilots = usePilots(provinceCode, minPosition);
  const name = (code: string) => communes.find((c) => c.code === code)?.name ?? `xã mã ${code}`;
  return (
    <>
      <PageTitle>Xã thí điểm nông thôn mới hiện đại</PageTitle>
      <SettingsNav />
      <p>
        Xã nông thôn mới hiện đại được xây dựng thí điểm ở các xã được chọn (Quyết định 51/2025/QĐ-TTg, Phụ
        lục II). Chỉ xã có trong danh sách này mới lập được hồ sơ đề nghị công nhận mức nông thôn mới hiện
        đại.
      </p>
      {units.error && <Alert type="error" showIcon role="alert" title={units.error.message} />}
      {pilots.error && <Alert type="error" showIcon role="alert" title={pilots.error.message} />}
      {mayChange && <PilotForm communes={communes} provinceCode={provinceCode} saved={setMinPosition} />}
      <section aria-labelledby="danh-sach-thi-diem">
        <h2 id="danh-sach-thi-diem" style={{ fontSize: 20 }}>
          Danh sách xã thí điểm
        </h2>
        <Table<PilotRow>
          size="small"
          rowKey={(r) => `${r.communeCode}|${r.pilot.level}`}
          loading={units.isLoading || pilots.isLoading}
          dataSource={pilots.data ?? []}
          pagination={false}
          locale={{ emptyText: pilots.isLoading ? 'Đang tải…' : 'Tỉnh chưa chọn xã thí điểm nào.' }}
          {...stackOnPhone<PilotRow>([
            { title: 'Xã', key: 'name', render: (_, r) => `${name(r.communeCode)} (mã ${r.communeCode})` },
            {
              title: 'Tình trạng',
              key: 'designated',
              render: (_, r) =>
                r.pilot.designated ? (
                  <Tag color="green">Đang thí điểm</Tag>
                ) : (
                  <Tag color="default">Đã đưa ra khỏi danh sách</Tag>
                ),
            },
            { title: 'Căn cứ', key: 'basis', render: (_, r) => r.pilot.basis },
            { title: 'Ngày văn bản', key: 'decidedOn', render: (_, r) => formatDate(r.pilot.decidedOn) },
          ])}
        />
      </section>
    </>
  );
}

const PilotForm = ({ communes, provinceCode, saved }: CommuneSettingProps) => {
  const { form, refused, forget, save } = useSettingsForm(
    ({ communeCode, designated, basis, decidedOn }: PilotValues) =>
      unwrap(
        api.POST('/api/v1/communes/{communeCode}/pilot', {
          params: { path: { communeCode } },
          body: {
            provinceCode,
            level: 'hien-dai',
            designated,
            basis: basis.trim(),
            decidedOn: decidedOn.format('YYYY-MM-DD'),
          },
        }),
      ),
    (answer) => {
      const commune = communes.find((c) => c.code === answer.communeCode)?.name ?? answer.communeCode;
      return answer.pilots.find((p) => p.level === 'hien-dai')?.designated
        ? `Đã đưa ${commune} vào danh sách xã thí điểm`
        : `Đã đưa ${commune} ra khỏi danh sách xã thí điểm`;
    },
    // A change that changed nothing wrote nothing: the list stands as read.
    (answer) => answer.position && saved(answer.position),
  );
  return (
    <section aria-labelledby="chon-xa-thi-diem" style={{ marginBottom: 24 }}>
      <h2 id="chon-xa-thi-diem" style={{ fontSize: 20 }}>
        Chọn xã thí điểm
      </h2>
      <Refusal refused={refused} />
      <Form<PilotValues>
        name="xa-thi-diem"
        form={form}
        layout="vertical"
        style={{ maxWidth: 640 }}
        initialValues={{ designated: true }}
        onValuesChange={forget}
        onFinish={(v) => save.mutate(v)}
      >
        <CommuneField communes={communes} />
        <Required name="designated" label="Nội dung" message="Chọn nội dung">
          <Radio.Group
            options={[
              { value: true, label: 'Đưa vào danh sách thí điểm' },
              { value: false, label: 'Đưa ra khỏi danh sách thí điểm' },
            ]}
          />
        </Required>
        <TextField
          name="basis"
          label="Căn cứ (số, ký hiệu, trích yếu văn bản)"
          message="Nhập căn cứ chọn xã thí điểm"
          max={500}
        />
        <DateField name="decidedOn" label="Ngày văn bản" />
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          Lưu
        </Button>
      </Form>
    </section>
  );
};
