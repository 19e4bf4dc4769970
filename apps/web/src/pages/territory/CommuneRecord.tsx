import { Link, useLocation, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Card, Descriptions, Form, Radio, Space, Table, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { Level } from '../../api/types';
import { useAuth } from '../../auth';
import { communeGroupLabels, formatDate, formatDateTime, levelLabels } from '../../labels';
import { CommandForm, DateField, PageTitle, TextField } from '../emulation/shared';
import {
  basisText,
  UNITS_PATH,
  UnitStatusTag,
  useTerritoryCommand,
  type CommuneRecord as Record_,
  type LineageRecord,
} from './shared';

type Acknowledgement = Record_['acknowledgements'][number];
type Recognition = LineageRecord['recognitions'][number];

interface AcknowledgeValues {
  level: Level;
  reasons: string;
  decisionNumber: string;
  decidedOn: Dayjs;
}

/** Who acknowledges a merged commune's level (the API's rule): the province's officers, or an administrator. */
const ACKNOWLEDGES: readonly string[] = ['province_officer', 'admin'];

/** "Nông thôn mới (giai đoạn 2021-2025)", per period held; "Chưa đạt chuẩn" when none. */
const holdingsText = (holdings: LineageRecord['holdings']) =>
  Object.entries(holdings)
    .filter(([, levels]) => levels.length > 0)
    .map(([period, levels]) => `${levels.map((l) => levelLabels[l]).join(', ')} (giai đoạn ${period})`)
    .join('; ') || 'Chưa đạt chuẩn';

const acknowledgementText = (a: Acknowledgement) =>
  `${levelLabels[a.level]}: văn bản số ${a.decisionNumber} ngày ${formatDate(a.decidedOn)}`;

const recognitionText = (r: Recognition) =>
  `${levelLabels[r.level]}: Quyết định số ${r.decisionNumber} ngày ${formatDate(r.decidedOn)}` +
  (r.revoked
    ? `, đã thu hồi theo quyết định số ${r.revoked.decisionNumber} ngày ${formatDate(r.revoked.decidedOn)}`
    : '');

const Recognitions = ({ recognitions }: { recognitions: readonly Recognition[] }) =>
  recognitions.length === 0 ? (
    <>Chưa có quyết định công nhận</>
  ) : (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {recognitions.map((r) => (
        <li key={`${r.level}-${r.decisionNumber}`}>{recognitionText(r)}</li>
      ))}
    </ul>
  );

/**
 * A commune's recognition record through its lineage (GET communes/{code}/record): the communes it was formed
 * from with their recognition decisions and status, and the province's acknowledgements (thừa nhận) of its level;
 * the province's officer records one here (POST communes/{code}/acknowledgements).
 */
export default function CommuneRecord() {
  const { communeCode = '' } = useParams();
  const { user } = useAuth();
  // Back to the list as it was opened (an administrator's province is in its address).
  const back = (useLocation().state as { units?: string } | null)?.units ?? '';
  const record = useQuery({
    queryKey: ['territory', 'record', communeCode],
    queryFn: () =>
      unwrap(api.GET('/api/v1/communes/{communeCode}/record', { params: { path: { communeCode } } })),
  });
  const r = record.data;
  return (
    <>
      <Link to={`${UNITS_PATH}${back}`}>← Đơn vị hành chính</Link>
      <PageTitle>Hồ sơ công nhận của {r ? r.commune.name : `xã mã ${communeCode}`}</PageTitle>
      {record.error && <Alert type="error" showIcon role="alert" title={record.error.message} />}
      {r && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions bordered column={1} size="small">
            <Descriptions.Item label="Mã xã">{r.commune.code}</Descriptions.Item>
            <Descriptions.Item label="Tình trạng">
              <UnitStatusTag status={r.commune.status} />
            </Descriptions.Item>
            <Descriptions.Item label="Hình thành">
              {r.formedBy
                ? `Sắp xếp từ ${r.predecessors.length} xã theo ${basisText(r.formedBy.basis)}, có hiệu lực từ ngày ${formatDate(r.formedBy.effectiveOn)}`
                : 'Không hình thành từ sắp xếp đơn vị hành chính'}
            </Descriptions.Item>
            <Descriptions.Item label="Mức đạt chuẩn">{holdingsText(r.commune.holdings)}</Descriptions.Item>
            <Descriptions.Item label="Nhóm xã (giai đoạn 2026-2030)">
              {r.group
                ? `${communeGroupLabels[r.group.group]}, theo ${r.group.basis} (ngày ${formatDate(r.group.decidedOn)})`
                : 'Tỉnh chưa xác định nhóm của xã'}
            </Descriptions.Item>
            {r.pilots.map((p) => (
              <Descriptions.Item key={p.level} label={`Thí điểm xã ${levelLabels[p.level].toLowerCase()}`}>
                {p.designated ? 'Được chọn thí điểm' : 'Đã đưa ra khỏi danh sách thí điểm'}, theo {p.basis}{' '}
                (ngày {formatDate(p.decidedOn)})
              </Descriptions.Item>
            ))}
            {r.formedBy && (
              <Descriptions.Item label="Tỉnh thừa nhận">
                {r.acknowledgements.length === 0 ? (
                  'Chưa thừa nhận'
                ) : (
                  <ul style={{ margin: 0, paddingLeft: 20 }}>
                    {r.acknowledgements.map((a) => (
                      <li key={`${a.level}-${a.decisionNumber}`}>{acknowledgementText(a)}</li>
                    ))}
                  </ul>
                )}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="Quyết định công nhận của xã">
              <Recognitions recognitions={r.commune.recognitions} />
            </Descriptions.Item>
          </Descriptions>
          {r.predecessors.length > 0 && (
            <Card title={<h2 className="card-title">Các xã trước sắp xếp</h2>}>
              <Table<LineageRecord>
                rowKey="code"
                pagination={false}
                dataSource={r.predecessors}
                columns={[
                  { title: 'Xã', key: 'name', render: (_, p) => `${p.name} (mã ${p.code})` },
                  {
                    title: 'Tình trạng',
                    key: 'status',
                    render: (_, p) => <UnitStatusTag status={p.status} />,
                  },
                  { title: 'Ngày sắp xếp', key: 'mergedOn', render: (_, p) => formatDate(p.mergedOn) },
                  {
                    title: 'Quyết định công nhận',
                    key: 'recognitions',
                    render: (_, p) => <Recognitions recognitions={p.recognitions} />,
                  },
                  { title: 'Mức đạt chuẩn', key: 'holdings', render: (_, p) => holdingsText(p.holdings) },
                ]}
              />
            </Card>
          )}
          <Card title={<h2 className="card-title">Các lần tỉnh thừa nhận mức đạt chuẩn</h2>}>
            <Table<Acknowledgement>
              rowKey={(a) => `${a.level}-${a.decisionNumber}`}
              pagination={false}
              dataSource={r.acknowledgements}
              locale={{
                emptyText: (
                  <span style={{ color: '#262626' }}>Tỉnh chưa thừa nhận mức đạt chuẩn của xã.</span>
                ),
              }}
              columns={[
                { title: 'Mức thừa nhận', key: 'level', render: (_, a) => levelLabels[a.level] },
                {
                  title: 'Văn bản',
                  key: 'decision',
                  render: (_, a) => `Số ${a.decisionNumber} ngày ${formatDate(a.decidedOn)}`,
                },
                {
                  title: 'Lý do',
                  key: 'reasons',
                  render: (_, a) => (
                    <ul style={{ margin: 0, paddingLeft: 20 }}>
                      {a.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  ),
                },
                { title: 'Giai đoạn', key: 'period', render: (_, a) => a.period },
                { title: 'Ghi lúc', key: 'at', render: (_, a) => formatDateTime(a.acknowledgedAt) },
              ]}
            />
          </Card>
          {r.formedBy && user && ACKNOWLEDGES.includes(user.role) && (
            <Acknowledge
              // Anew once the record holds another level: its choices and first choice change.
              key={r.acknowledgements.map((a) => a.level).join()}
              communeCode={r.commune.code}
              communeName={r.commune.name}
              acknowledged={r.acknowledgements}
            />
          )}
        </Space>
      )}
    </>
  );
}

/**
 * Thừa nhận: the province acknowledges the merged commune's level, with its reasons and its document. The API
 * acknowledges a level once (another document for it is a conflict), so only the levels not yet acknowledged are
 * offered, and no form once all are.
 */
const Acknowledge = ({
  communeCode,
  communeName,
  acknowledged,
}: {
  communeCode: string;
  communeName: string;
  acknowledged: readonly Acknowledgement[];
}) => {
  const [form] = Form.useForm<AcknowledgeValues>();
  const done = new Set(acknowledged.map((a) => a.level));
  const levels = (Object.keys(levelLabels) as Level[]).map((value) => ({
    value,
    label: done.has(value) ? `${levelLabels[value]} (đã thừa nhận)` : levelLabels[value],
    disabled: done.has(value),
  }));
  const open = levels.find((l) => !l.disabled);
  const acknowledge = useTerritoryCommand(
    (v: AcknowledgeValues, header) =>
      unwrap(
        api.POST('/api/v1/communes/{communeCode}/acknowledgements', {
          params: { path: { communeCode } },
          // Not in the route's OpenAPI parameters, but read by every command: a retry acts once.
          headers: header,
          body: {
            level: v.level,
            // One reason a line, as the province's document lists them.
            reasons: v.reasons
              .split('\n')
              .map((line) => line.trim())
              .filter(Boolean),
            decisionNumber: v.decisionNumber.trim(),
            decidedOn: v.decidedOn.format('YYYY-MM-DD'),
          },
        }),
      ),
    `Đã ghi việc thừa nhận mức đạt chuẩn của ${communeName}`,
    () => form.resetFields(),
  );
  if (!open) return null;
  return (
    <Card
      title={
        <h2 className="card-title">
          {acknowledged.length === 0
            ? 'Thừa nhận mức đạt chuẩn của xã sau sắp xếp'
            : 'Thừa nhận thêm mức đạt chuẩn khác của xã'}
        </h2>
      }
    >
      {acknowledged.length > 0 && (
        <Typography.Paragraph>
          Mỗi mức đạt chuẩn chỉ được thừa nhận một lần; mức đã thừa nhận không ghi lại theo văn bản khác.
        </Typography.Paragraph>
      )}
      <CommandForm<AcknowledgeValues>
        name="acknowledge"
        form={form}
        command={acknowledge}
        submitText="Ghi thừa nhận"
        initialValues={{ level: open.value, decidedOn: dayjs() }}
      >
        <Form.Item name="level" label="Mức đạt chuẩn được thừa nhận">
          <Radio.Group options={levels} />
        </Form.Item>
        <TextField
          name="reasons"
          label="Lý do thừa nhận (mỗi lý do một dòng)"
          message="Nêu lý do thừa nhận"
          max={20 * 2000}
          rows={3}
        />
        {/* A block of its own: the submit button goes under the fields, not beside them. */}
        <div>
          <Space wrap align="start">
            <TextField name="decisionNumber" label="Số văn bản" message="Nhập số văn bản" max={100} />
            <DateField name="decidedOn" label="Ngày văn bản" />
          </Space>
        </div>
      </CommandForm>
    </Card>
  );
};
