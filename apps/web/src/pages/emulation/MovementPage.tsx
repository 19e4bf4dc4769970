import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import type { AwardType, Candidate, Movement, Nomination, QuotaLine } from '../../api/types';
import {
  CommandModal,
  DossierLink,
  NoBoard,
  NominationStatus,
  PageTitle,
  readAfterWrite,
  TextField,
  useEmulationCommand,
  useProgramme,
  useProvince,
} from './shared';

type CheckStatus = Candidate['report']['checks'][number]['status'];
const checkColor: Record<CheckStatus, string> = {
  passed: 'green',
  failed: 'red',
  'not-applicable': 'default',
};
const checkWord: Record<CheckStatus, string> = {
  passed: 'Đạt',
  failed: 'Chưa đạt',
  'not-applicable': 'Không áp dụng',
};

/**
 * A movement: who is a candidate for an award type and on what record (recognitions with their decisions, cluster
 * standing, prior awards), why the others are not; the quotas and their use; the movement's nominations.
 */
export default function MovementPage() {
  const { movementId = '' } = useParams();
  const { provinceCode, role } = useProvince();
  const programme = useProgramme(provinceCode);
  const movement = programme.data?.movements[movementId];
  const awardTypes = programme.data?.awardTypes ?? [];
  const [awardTypeId, setAwardTypeId] = useState<string>();
  const [year, setYear] = useState<number>();
  const type = awardTypes.find((t) => t.id === awardTypeId) ?? awardTypes[0];
  const theYear = year ?? movement?.toYear ?? new Date().getFullYear();
  const path = { provinceCode, movementId };

  const candidates = useQuery({
    queryKey: ['emulation', provinceCode, 'candidates', movementId, type?.id, theYear],
    enabled: !!movement && !!type,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/movements/{movementId}/candidates', {
          params: { path, query: { awardTypeId: type!.id, year: theYear, ...readAfterWrite() } },
        }),
      ) as Promise<Candidate[]>,
  });
  const quotas = useQuery({
    queryKey: ['emulation', provinceCode, 'quotas', movementId, theYear],
    enabled: !!movement,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/movements/{movementId}/quotas', {
          params: { path, query: { year: theYear, ...readAfterWrite() } },
        }),
      ),
  });
  const nominations = useQuery({
    queryKey: ['emulation', provinceCode, 'nominations', movementId],
    enabled: !!movement,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/nominations', {
          params: { path: { provinceCode }, query: { movementId, ...readAfterWrite() } },
        }),
      ),
  });
  const [nominating, setNominating] = useState<Candidate | null>(null);

  if (programme.data === null) return <NoBoard />;
  if (programme.isSuccess && !movement)
    return <Alert type="error" showIcon title={`Không tìm thấy phong trào thi đua ${movementId}`} />;
  if (!movement || !type) return null;
  const canPropose = type.proposers.includes(role);
  return (
    <>
      <Link to="/thi-dua">← Thi đua, khen thưởng</Link>
      <PageTitle>{movement.name}</PageTitle>
      <Typography.Paragraph>
        Giai đoạn {movement.fromYear}-{movement.toYear}, phạm vi {movement.scope}; {movement.launchedBy} phát
        động.
      </Typography.Paragraph>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 className="card-title">Đối tượng đủ điều kiện và căn cứ</h2>}>
          <Space wrap style={{ marginBottom: 16 }}>
            <label htmlFor="award-type">Hình thức khen thưởng</label>
            <Select
              id="award-type"
              style={{ minWidth: 360 }}
              value={type.id}
              onChange={setAwardTypeId}
              options={awardTypes.map((t) => ({ value: t.id, label: t.name }))}
            />
            <label htmlFor="candidate-year">Năm xét</label>
            <InputNumber
              id="candidate-year"
              min={2000}
              max={2100}
              value={theYear}
              onChange={(v) => v && setYear(v)}
            />
          </Space>
          {candidates.error && <Alert type="error" showIcon title={candidates.error.message} />}
          <Table<Candidate>
            rowKey="recipientKey"
            loading={candidates.isLoading}
            pagination={false}
            dataSource={candidates.data ?? []}
            locale={{ emptyText: <span style={{ color: '#262626' }}>Chưa có đối tượng nào.</span> }}
            columns={[
              { title: 'Đơn vị', key: 'name', render: (_, c) => c.nominee.name },
              {
                title: 'Kết quả',
                key: 'eligible',
                render: (_, c) =>
                  c.report.eligible ? (
                    <Tag color="green">Đủ điều kiện</Tag>
                  ) : (
                    <Tag color="red">Chưa đủ điều kiện</Tag>
                  ),
              },
              {
                title: 'Căn cứ từng điều kiện',
                key: 'checks',
                render: (_, c) => (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {c.report.checks.map((check) => (
                      <li key={check.rule}>
                        <Tag color={checkColor[check.status]}>{checkWord[check.status]}</Tag>
                        {check.label}: {check.detail}
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
                ),
              },
              {
                title: 'Đề nghị',
                key: 'nominations',
                render: (_, c) => {
                  const open = c.nominations.filter((n) => !['rejected', 'withdrawn'].includes(n.status));
                  if (open.length > 0)
                    return open.map((n) => (
                      <Link key={n.id} to={`/thi-dua/de-nghi/${n.id}`}>
                        Xem đề nghị
                      </Link>
                    ));
                  return canPropose && c.report.eligible ? (
                    <Button onClick={() => setNominating(c)} aria-label={`Lập đề nghị cho ${c.nominee.name}`}>
                      Lập đề nghị
                    </Button>
                  ) : null;
                },
              },
            ]}
          />
        </Card>
        <Quotas lines={quotas.data ?? []} />
        <Card title={<h2 className="card-title">Đề nghị khen thưởng của phong trào</h2>}>
          <Table<Nomination>
            rowKey="id"
            pagination={false}
            loading={nominations.isLoading}
            dataSource={nominations.data ?? []}
            locale={{ emptyText: <span style={{ color: '#262626' }}>Chưa có đề nghị nào.</span> }}
            columns={[
              {
                title: 'Đơn vị được đề nghị',
                key: 'nominee',
                render: (_, n) => <Link to={`/thi-dua/de-nghi/${n.id}`}>{n.nominee.name}</Link>,
              },
              { title: 'Hình thức', key: 'type', render: (_, n) => n.awardType.name },
              { title: 'Năm', dataIndex: 'year' },
              {
                title: 'Trạng thái',
                key: 'status',
                render: (_, n) => <NominationStatus status={n.status} />,
              },
            ]}
          />
        </Card>
      </Space>
      {nominating && (
        <Nominate
          candidate={nominating}
          movement={movement}
          awardType={type}
          year={theYear}
          provinceCode={provinceCode}
          onClose={() => setNominating(null)}
        />
      )}
    </>
  );
}

const Quotas = ({ lines }: { lines: QuotaLine[] }) => (
  <Card title={<h2 className="card-title">Chỉ tiêu đề nghị</h2>}>
    <Table<QuotaLine>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={lines}
      locale={{ emptyText: <span style={{ color: '#262626' }}>Phong trào không có chỉ tiêu.</span> }}
      columns={[
        { title: 'Hình thức', dataIndex: 'awardTypeName' },
        {
          title: 'Cơ sở tính',
          key: 'base',
          render: (_, q) =>
            `${q.share.num}/${q.share.den} của ${q.baseCount} (${q.rounding === 'floor' ? 'làm tròn xuống' : 'làm tròn lên'})`,
        },
        { title: 'Số được đề nghị', dataIndex: 'capacity' },
        {
          title: 'Đã dùng',
          key: 'used',
          render: (_, q) =>
            `${q.used}${q.holders.length ? `: ${q.holders.map((h) => h.nomineeName).join(', ')}` : ''}`,
        },
        { title: 'Nguồn', key: 'source', render: (_, q) => q.source ?? 'Quy định của hình thức khen thưởng' },
      ]}
    />
  </Card>
);

interface AchievementValues {
  kind: 'movement-result' | 'cluster-lead' | 'other';
  period: string;
  text: string;
}

const Nominate = ({
  candidate,
  movement,
  awardType,
  year,
  provinceCode,
  onClose,
}: {
  candidate: Candidate;
  movement: Movement;
  awardType: AwardType;
  year: number;
  provinceCode: string;
  onClose: () => void;
}) => {
  const navigate = useNavigate();
  const n = candidate.nominee;
  const submit = useEmulationCommand(
    (achievement: AchievementValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations', {
          params: { header },
          body: {
            provinceCode,
            movementId: movement.id,
            awardTypeId: awardType.id,
            year,
            nominee:
              n.kind === 'commune'
                ? { kind: 'commune', communeCode: n.communeCode, districtCode: n.districtCode, name: n.name }
                : { kind: n.kind, id: n.id, name: n.name },
            achievement,
          },
        }),
      ),
    `Đã lập đề nghị khen thưởng cho ${n.name}`,
    (answer) => void navigate(`/thi-dua/de-nghi/${answer.nominationId}`),
  );
  return (
    <CommandModal<AchievementValues>
      title={`Đề nghị ${awardType.name} cho ${n.name}`}
      okText="Gửi đề nghị"
      name="nomination"
      command={submit}
      initialValues={{ kind: 'movement-result', period: `${movement.fromYear}-${movement.toYear}` }}
      onClose={onClose}
    >
      <Form.Item name="kind" label="Loại thành tích">
        <Select
          options={[
            { value: 'movement-result', label: 'Thành tích trong phong trào' },
            { value: 'cluster-lead', label: 'Dẫn đầu cụm, khối thi đua' },
            { value: 'other', label: 'Thành tích khác' },
          ]}
        />
      </Form.Item>
      <TextField name="period" label="Thời kỳ đạt thành tích" message="Nhập thời kỳ" max={20} />
      <TextField
        name="text"
        label="Tóm tắt thành tích"
        message="Nhập tóm tắt thành tích"
        max={2000}
        rows={3}
      />
    </CommandModal>
  );
};
