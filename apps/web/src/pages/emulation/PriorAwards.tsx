import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { Alert, Card, Form, Input, Select, Space, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import { formatDate } from '../../labels';
import type { Award, AwardType } from '../../api/types';
import { stackOnPhone } from '../../components/stack-on-phone';
import { searchByName } from '../../search';
import {
  Choice,
  CommandForm,
  DateField,
  isSecretary,
  NoBoard,
  PageTitle,
  readAfterWrite,
  recipientLine,
  Required,
  TextField,
  YearField,
  useCommunes,
  useEmulationCommand,
  useProgramme,
  useProvince,
} from './shared';
import { slugOf } from './slug';

interface PriorValues {
  kind: 'commune' | 'collective' | 'individual';
  communeCode?: string;
  name?: string;
  /** A person's position and unit, each in its field (printed "position, unit"). */
  position?: string;
  unit?: string;
  awardTypeId: string;
  year: number;
  decisionNumber: string;
  decidedOn: Dayjs;
}

/**
 * Awards given before the system (khen thưởng đã có trước): the record a candidate's eligibility may rest on
 * (e.g. years of titles, an earlier award of the same kind). The board's secretary records them from the
 * decisions on paper; everyone on the board reads them.
 */
export default function PriorAwards() {
  const { provinceCode, role, userId } = useProvince();
  const programme = useProgramme(provinceCode);
  const awards = useQuery({
    queryKey: ['emulation', provinceCode, 'awards'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/awards', {
          params: { path: { provinceCode }, query: readAfterWrite() },
        }),
      ) as Promise<Award[]>,
  });
  if (programme.data === null) return <NoBoard />;
  const prior = (awards.data ?? []).filter((a) => a.source === 'prior');
  return (
    <>
      <Link to="/thi-dua">← Thi đua, khen thưởng</Link>
      <PageTitle>Khen thưởng đã có trước</PageTitle>
      {awards.error && <Alert type="error" showIcon title={awards.error.message} />}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 className="card-title">Khen thưởng, danh hiệu đã ghi</h2>}>
          <Table<Award>
            rowKey="awardId"
            pagination={false}
            loading={awards.isLoading}
            dataSource={prior}
            locale={{
              emptyText: <span style={{ color: '#262626' }}>Chưa ghi khen thưởng nào có trước.</span>,
            }}
            {...stackOnPhone<Award>([
              { title: 'Tập thể, cá nhân', key: 'recipient', render: (_, a) => recipientLine(a.recipient) },
              { title: 'Hình thức', key: 'type', render: (_, a) => a.awardType.name },
              { title: 'Năm', dataIndex: 'year' },
              {
                title: 'Quyết định',
                key: 'decision',
                render: (_, a) => `Số ${a.decisionNumber} ngày ${formatDate(a.decidedOn)}`,
              },
            ])}
          />
        </Card>
        {programme.data && isSecretary(programme.data, role, userId) && (
          <RecordPriorAward provinceCode={provinceCode} awardTypes={programme.data.awardTypes} />
        )}
      </Space>
    </>
  );
}

const RecordPriorAward = ({
  provinceCode,
  awardTypes,
}: {
  provinceCode: string;
  awardTypes: AwardType[];
}) => {
  const [form] = Form.useForm<PriorValues>();
  const { units, communes } = useCommunes(provinceCode);
  const record = useEmulationCommand(
    (v: PriorValues, header) => {
      const c = communes.find((x) => x.code === v.communeCode);
      const recipient =
        v.kind === 'commune' && c
          ? {
              kind: 'commune' as const,
              communeCode: c.code,
              ...(c.districtCode ? { districtCode: c.districtCode } : {}),
              name: c.name,
            }
          : {
              kind: v.kind,
              id: slugOf(v.name ?? ''),
              name: v.name ?? '',
              ...(v.kind === 'individual' && v.position?.trim() ? { position: v.position.trim() } : {}),
              ...(v.kind === 'individual' && v.unit?.trim() ? { unit: v.unit.trim() } : {}),
            };
      const who = v.kind === 'commune' ? v.communeCode : slugOf(v.name ?? '');
      return unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/prior-awards', {
          params: { path: { provinceCode }, header },
          body: {
            // One per recipient, type and year: the same prior award cannot be recorded twice.
            awardId: slugOf(`${v.year}-${who}-${v.awardTypeId}`),
            recipient,
            awardTypeId: v.awardTypeId,
            year: v.year,
            decisionNumber: v.decisionNumber,
            decidedOn: v.decidedOn.format('YYYY-MM-DD'),
          },
        }),
      );
    },
    'Đã ghi khen thưởng đã có trước',
    () => form.resetFields(),
  );
  return (
    <Card title={<h2 className="card-title">Ghi khen thưởng đã có trước</h2>}>
      {units.error && <Alert type="warning" showIcon title={units.error.message} />}
      <CommandForm<PriorValues>
        name="prior-award"
        form={form}
        command={record}
        submitText="Ghi khen thưởng"
        initialValues={{ kind: 'commune' }}
      >
        <Choice
          name="kind"
          label="Được khen là"
          options={[
            { value: 'commune', label: 'Xã' },
            { value: 'collective', label: 'Tập thể khác' },
            { value: 'individual', label: 'Cá nhân' },
          ]}
        />
        <Form.Item noStyle dependencies={['kind']}>
          {({ getFieldValue }) =>
            getFieldValue('kind') === 'commune' ? (
              <Required name="communeCode" label="Xã" message="Chọn xã">
                <Select
                  showSearch
                  {...searchByName}
                  loading={units.isLoading}
                  options={communes.map((c) => ({ value: c.code, label: c.name }))}
                  aria-label="Xã"
                />
              </Required>
            ) : (
              <>
                <TextField name="name" label="Tên tập thể, cá nhân" message="Nhập tên" max={200} />
                {getFieldValue('kind') === 'individual' && (
                  <>
                    <Form.Item name="position" label="Chức vụ">
                      <Input maxLength={300} />
                    </Form.Item>
                    <Form.Item name="unit" label="Đơn vị công tác">
                      <Input maxLength={300} />
                    </Form.Item>
                  </>
                )}
              </>
            )
          }
        </Form.Item>
        <Space wrap align="start" className="long-choice-row">
          <Required name="awardTypeId" label="Hình thức khen thưởng" message="Chọn hình thức">
            <Select
              style={{ minWidth: 360 }}
              showSearch
              {...searchByName}
              aria-label="Hình thức khen thưởng"
              options={awardTypes.map((t) => ({ value: t.id, label: t.name }))}
            />
          </Required>
          <YearField name="year" label="Năm khen thưởng" />
          <TextField name="decisionNumber" label="Số quyết định" message="Nhập số quyết định" max={100} />
          <DateField name="decidedOn" label="Ngày ký" />
        </Space>
      </CommandForm>
    </Card>
  );
};
