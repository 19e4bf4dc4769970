import { useState, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import { formatDate } from '../../labels';
import type { Award, AwardTally, CommuneAwards } from '../../api/types';
import { DownloadLink, ExcelButton } from '../../components/Download';
import { stackOnPhone } from '../../components/stack-on-phone';
import { searchByName, useSettled } from '../../search';
import {
  CommandModal,
  DateField,
  DossierLink,
  isSecretary,
  PageTitle,
  readAfterWrite,
  recipientLine,
  TextField,
  useEmulationCommand,
  useProgramme,
  useProvince,
  YearFilter,
} from './shared';

interface RevokeValues {
  text: string;
  decisionNumber: string;
  decidedOn: Dayjs;
}

/** The deciding authority revokes a flagged award; the reason follows the flag (a revoked recognition first). */
const RevokeAward = ({ award, onClose }: { award: Award; onClose: () => void }) => {
  const { provinceCode } = useProvince();
  const revoked = openFlags(award).find((f) => f.reason.kind === 'recognition-revoked');
  const revoke = useEmulationCommand(
    (v: RevokeValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/awards/{awardId}/revocation', {
          params: { path: { provinceCode, awardId: award.awardId }, header },
          body: {
            reason: revoked ? 'recognition-revoked' : 'false-records',
            text: v.text,
            decisionNumber: v.decisionNumber,
            decidedOn: v.decidedOn.format('YYYY-MM-DD'),
          },
        }),
      ),
    'Đã hủy bỏ khen thưởng',
    onClose,
  );
  return (
    <CommandModal<RevokeValues>
      title={`Hủy bỏ ${award.awardType.name} của ${award.recipient.name}`}
      okText="Hủy bỏ khen thưởng"
      danger
      name="revoke-award"
      command={revoke}
      initialValues={{
        decidedOn: dayjs(),
        text:
          revoked?.reason.kind === 'recognition-revoked'
            ? `Quyết định công nhận làm căn cứ đã bị thu hồi bằng Quyết định số ${revoked.reason.decisionNumber}`
            : '',
      }}
      onClose={onClose}
    >
      <TextField name="text" label="Lý do hủy bỏ" message="Nhập lý do hủy bỏ" max={2000} rows={2} />
      <TextField name="decisionNumber" label="Số quyết định hủy bỏ" message="Nhập số quyết định" max={100} />
      <DateField name="decidedOn" label="Ngày ký" />
    </CommandModal>
  );
};

type Header = { 'Idempotency-Key': string };
interface AwardNoteAction {
  send: (
    provinceCode: string,
    awardId: string,
    text: string,
    header: Header,
  ) => Promise<{ position?: string | null }>;
  title: string;
  okText: string;
  success: string;
  label: string;
  message: string;
}

const onAward = (provinceCode: string, awardId: string, header: Header) => ({
  params: { path: { provinceCode, awardId }, header },
});

/**
 * The commands on an award that take one text: the secretary asks the board to review an award reported as
 * resting on false records, or records the council's conclusion that a flagged award stands.
 */
const awardNotes: Record<'flag' | 'keep', AwardNoteAction> = {
  flag: {
    send: (p, a, text, header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/awards/{awardId}/flags', {
          ...onAward(p, a, header),
          body: { text },
        }),
      ),
    title: 'Đề nghị xem xét lại',
    okText: 'Gửi đề nghị xem xét lại',
    success: 'Đã đề nghị Hội đồng xem xét lại khen thưởng',
    label: 'Nội dung phản ánh sai sự thật',
    message: 'Nhập nội dung phản ánh',
  },
  keep: {
    send: (p, a, note, header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/awards/{awardId}/flags/clearance', {
          ...onAward(p, a, header),
          body: { note },
        }),
      ),
    title: 'Giữ nguyên',
    okText: 'Ghi kết luận',
    success: 'Đã ghi kết luận giữ nguyên khen thưởng',
    label: 'Kết luận của Hội đồng',
    message: 'Nhập kết luận',
  },
};

const AwardNote = ({
  action,
  award,
  onClose,
}: {
  action: keyof typeof awardNotes;
  award: Award;
  onClose: () => void;
}) => {
  const { provinceCode } = useProvince();
  const a = awardNotes[action];
  const command = useEmulationCommand(
    (v: { text: string }, header) => a.send(provinceCode, award.awardId, v.text, header),
    a.success,
    onClose,
  );
  return (
    <CommandModal<{ text: string }>
      title={`${a.title} ${award.awardType.name} của ${award.recipient.name}`}
      okText={a.okText}
      name={`${action}-award`}
      command={command}
      onClose={onClose}
    >
      <TextField name="text" label={a.label} message={a.message} max={2000} rows={3} />
    </CommandModal>
  );
};

/** Why an award is flagged: the revoked recognition, linked to its dossier, or a report of false records. */
const FlagReason = ({ flag }: { flag: Award['flags'][number] }) =>
  flag.reason.kind === 'recognition-revoked' ? (
    <>
      Quyết định công nhận làm căn cứ đã bị thu hồi bằng Quyết định số {flag.reason.decisionNumber} ngày{' '}
      {formatDate(flag.reason.decidedOn)} (
      <DossierLink dossierId={flag.reason.dossierId}>xem hồ sơ bị thu hồi</DossierLink>)
    </>
  ) : (
    <>Phản ánh sai sự thật: {flag.reason.text}</>
  );

const openFlags = (a: Award) => a.flags.filter((f) => f.cleared === null);

const AwardStatus = ({ a }: { a: Award }) =>
  a.revoked ? (
    <Tag color="default">Đã hủy bỏ (QĐ {a.revoked.decisionNumber})</Tag>
  ) : openFlags(a).length > 0 ? (
    <Tag color="volcano">Cần xem xét lại</Tag>
  ) : (
    <Tag color="green">Còn hiệu lực</Tag>
  );

/**
 * The award registry (sổ khen thưởng): the counts per year and award type; awards needing the board's review because a recognition they rest on was
 * revoked or they were reported as resting on false records, and each recipient's awards over the years with its
 * decision in PDF (where the secretary flags one).
 */
export default function Registry() {
  const { provinceCode, role, userId } = useProvince();
  const programme = useProgramme(provinceCode);
  const [acting, setActing] = useState<{ award: Award; action: 'revoke' | 'keep' | 'flag' } | null>(null);
  // Read when the query runs, not when the screen rendered: a refetch after a command must wait for its position.
  const base = () => ({ path: { provinceCode }, query: readAfterWrite() });
  const awards = useQuery({
    queryKey: ['emulation', provinceCode, 'awards'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/emulation/provinces/{provinceCode}/awards', { params: base() })) as Promise<
        Award[]
      >,
  });
  const flagged = useQuery({
    queryKey: ['emulation', provinceCode, 'flagged'],
    queryFn: () =>
      unwrap(api.GET('/api/v1/emulation/provinces/{provinceCode}/awards/flagged', { params: base() })),
  });
  const recipients = [
    ...new Map((awards.data ?? []).map((a) => [a.recipientKey, recipientLine(a.recipient)])).entries(),
  ];
  const [chosen, setChosen] = useState<string>();
  const key = chosen ?? recipients[0]?.[0];
  const registry = useQuery({
    queryKey: ['emulation', provinceCode, 'registry', key],
    enabled: !!key,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/registry/{recipientKey}', {
          params: { path: { provinceCode, recipientKey: key! }, query: readAfterWrite() },
        }),
      ),
  });
  const secretary = isSecretary(programme.data, role, userId);
  const pdf = (a: Award) =>
    a.decisionId ? (
      <DownloadLink
        url={`/api/v1/emulation/provinces/${provinceCode}/decisions/${a.decisionId}/pdf`}
        fileName="quyet-dinh-khen-thuong.pdf"
      >
        {a.decisionNumber} (PDF)
      </DownloadLink>
    ) : (
      a.decisionNumber
    );
  return (
    <>
      <PageTitle>Sổ khen thưởng</PageTitle>
      {(awards.error ?? flagged.error) && (
        <Alert type="error" showIcon title={(awards.error ?? flagged.error)!.message} />
      )}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Tallies provinceCode={provinceCode} />
        <Card title={<h2 className="card-title">Khen thưởng cần Hội đồng xem xét lại</h2>}>
          <Table<Award>
            rowKey="awardId"
            pagination={false}
            loading={flagged.isLoading}
            dataSource={flagged.data ?? []}
            locale={{
              emptyText: <span style={{ color: '#262626' }}>Không có khen thưởng nào cần xem xét lại.</span>,
            }}
            {...stackOnPhone<Award>([
              { title: 'Đơn vị', key: 'recipient', render: (_, a) => recipientLine(a.recipient) },
              { title: 'Hình thức', key: 'type', render: (_, a) => a.awardType.name },
              { title: 'Quyết định khen thưởng', key: 'decision', render: (_, a) => pdf(a) },
              {
                title: 'Lý do',
                key: 'flags',
                render: (_, a) => (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {openFlags(a).map((f) => (
                      <li key={f.flagId}>
                        <FlagReason flag={f} />
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                title: 'Xử lý',
                key: 'actions',
                rowActions: true,
                render: (_, a) => (
                  <Space wrap>
                    {role === a.awardType.decisionRole && (
                      <Button danger onClick={() => setActing({ award: a, action: 'revoke' })}>
                        Hủy bỏ khen thưởng
                      </Button>
                    )}
                    {secretary && (
                      <Button onClick={() => setActing({ award: a, action: 'keep' })}>Giữ nguyên</Button>
                    )}
                  </Space>
                ),
              },
            ])}
          />
        </Card>
        <Card title={<h2 className="card-title">Sổ khen thưởng của từng đơn vị</h2>}>
          <div className="filter-row">
            <label htmlFor="recipient">Đơn vị</label>
            {/* As wide as the row allows: a person's line (name, position, unit) is long. */}
            <Select
              id="recipient"
              className="filter-wide"
              value={key}
              onChange={(v: string) => setChosen(v)}
              placeholder="Chưa có đơn vị nào được khen thưởng"
              showSearch
              {...searchByName}
              options={recipients.map(([value, label]) => ({ value, label }))}
            />
          </div>
          <Table<Award>
            rowKey="awardId"
            pagination={false}
            loading={registry.isLoading && !!key}
            dataSource={key ? (registry.data ?? []) : []}
            locale={{ emptyText: <span style={{ color: '#262626' }}>Chưa có khen thưởng.</span> }}
            {...stackOnPhone<Award>([
              { title: 'Năm', dataIndex: 'year' },
              { title: 'Hình thức', key: 'type', render: (_, a) => a.awardType.name },
              {
                title: 'Quyết định',
                key: 'decision',
                // One element: a stacked cell sets each of its children on a line of its own.
                render: (_, a) => (
                  <span>
                    {pdf(a)} ngày {formatDate(a.decidedOn)}
                  </span>
                ),
              },
              { title: 'Tình trạng', key: 'status', render: (_, a) => <AwardStatus a={a} /> },
              ...(secretary
                ? [
                    {
                      title: 'Xử lý',
                      key: 'flag',
                      rowActions: true,
                      render: (_: unknown, a: Award) =>
                        !a.revoked && (
                          <Button
                            onClick={() => setActing({ award: a, action: 'flag' })}
                            aria-label={`Đề nghị xem xét lại ${a.awardType.name} năm ${a.year}`}
                          >
                            Đề nghị xem xét lại
                          </Button>
                        ),
                    },
                  ]
                : []),
            ])}
          />
        </Card>
        <CommuneRegistry provinceCode={provinceCode} pdf={pdf} />
      </Space>
      {acting?.action === 'revoke' && <RevokeAward award={acting.award} onClose={() => setActing(null)} />}
      {acting && acting.action !== 'revoke' && (
        <AwardNote action={acting.action} award={acting.award} onClose={() => setActing(null)} />
      )}
    </>
  );
}

/** The board's summary: awards per year and award type, how many were revoked, how many await its review. */
const Tallies = ({ provinceCode }: { provinceCode: string }) => {
  const tallies = useQuery({
    queryKey: ['emulation', provinceCode, 'tallies'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/awards/tallies', {
          params: { path: { provinceCode }, query: readAfterWrite() },
        }),
      ),
  });
  return (
    <Card title={<h2 className="card-title">Tổng hợp khen thưởng</h2>}>
      {tallies.error && <Alert type="error" showIcon title={tallies.error.message} />}
      <Table<AwardTally>
        rowKey={(t) => `${t.year}/${t.awardTypeId}`}
        size="small"
        pagination={false}
        caption="Số khen thưởng theo năm và hình thức, số bị hủy bỏ, số cần xem xét lại"
        loading={tallies.isLoading}
        dataSource={tallies.data ?? []}
        locale={{ emptyText: <span style={{ color: '#262626' }}>Chưa có khen thưởng nào.</span> }}
        {...stackOnPhone<AwardTally>([
          { title: 'Năm', dataIndex: 'year' },
          { title: 'Hình thức khen thưởng', dataIndex: 'awardTypeName' },
          { title: 'Số khen thưởng', dataIndex: 'count', align: 'right' },
          { title: 'Bị hủy bỏ', dataIndex: 'revoked', align: 'right' },
          { title: 'Cần xem xét lại', dataIndex: 'flagged', align: 'right' },
        ])}
      />
    </Card>
  );
};

/**
 * Every commune of the asker's area with its awards of the period, a commune without any too (the server lists
 * the communes in force and filters them by name without diacritics, so the Excel file holds the same rows).
 */
const CommuneRegistry = ({ provinceCode, pdf }: { provinceCode: string; pdf: (a: Award) => ReactNode }) => {
  const [fromYear, setFromYear] = useState<number | null>(null);
  const [toYear, setToYear] = useState<number | null>(null);
  const [name, setName] = useState('');
  const settledName = useSettled(name.trim());
  const filters = {
    ...(fromYear ? { fromYear } : {}),
    ...(toYear ? { toYear } : {}),
    ...(settledName ? { name: settledName } : {}),
  };
  const communes = useQuery({
    queryKey: ['emulation', provinceCode, 'commune-registry', filters],
    placeholderData: keepPreviousData, // the table stays while the next name's answer comes
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/registry', {
          params: { path: { provinceCode }, query: { ...filters, ...readAfterWrite() } },
        }),
      ) as Promise<CommuneAwards[]>,
  });
  const xlsx = new URLSearchParams({
    ...Object.fromEntries(Object.entries(filters).map(([k, v]) => [k, String(v)])),
    format: 'xlsx',
  });
  return (
    <Card title={<h2 className="card-title">Sổ khen thưởng theo xã</h2>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <YearFilter id="registry-from" label="Từ năm" value={fromYear} onChange={setFromYear} />
        <YearFilter id="registry-to" label="Đến năm" value={toYear} onChange={setToYear} />
        <label htmlFor="registry-name">Tên xã</label>
        <Input
          id="registry-name"
          allowClear
          maxLength={200}
          placeholder="Gõ có dấu hoặc không dấu"
          value={name}
          onChange={(e) => setName(e.target.value)}
          style={{ width: 240 }}
        />
        <ExcelButton
          url={`/api/v1/emulation/provinces/${provinceCode}/registry?${xlsx.toString()}`}
          fileName="so-khen-thuong-theo-xa.xlsx"
        />
      </Space>
      {communes.error && <Alert type="error" showIcon title={communes.error.message} />}
      <Table<CommuneAwards>
        rowKey="communeCode"
        size="small"
        loading={communes.isLoading}
        dataSource={communes.data ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <span style={{ color: '#262626' }}>Không có xã nào phù hợp.</span> }}
        {...stackOnPhone<CommuneAwards>([
          { title: 'Xã', dataIndex: 'name' },
          { title: 'Số khen thưởng', key: 'count', render: (_, c) => c.awards.length },
          {
            title: 'Khen thưởng',
            key: 'awards',
            render: (_, c) =>
              c.awards.length === 0 ? (
                'Chưa có khen thưởng'
              ) : (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {c.awards.map((a) => (
                    <li key={a.awardId}>
                      {a.year}: {a.awardType.name}, Quyết định {pdf(a)} ngày {formatDate(a.decidedOn)}{' '}
                      <AwardStatus a={a} />
                    </li>
                  ))}
                </ul>
              ),
          },
        ])}
      />
    </Card>
  );
};
