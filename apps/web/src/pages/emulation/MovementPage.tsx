import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, Radio, Select, Space, Table, Typography } from 'antd';
import { CommandError } from '../dossier/command';
import { api, unwrap } from '../../api/client';
import type { AwardType, Candidate, KnownRecipient, Movement, Nomination, QuotaLine } from '../../api/types';
import { stackOnPhone } from '../../components/stack-on-phone';
import { useSettled } from '../../search';
import {
  CommandModal,
  EligibilityChecks,
  EligibleTag,
  NoBoard,
  NominationStatus,
  PageTitle,
  readAfterWrite,
  Required,
  TextField,
  useEmulationCommand,
  useProgramme,
  useProvince,
  YearField,
} from './shared';
import { nomineeId, randomSuffix } from './slug';
import { positionAndUnit } from '../../../../../libs/commendation/src/position-and-unit';

type Nominee = Candidate['nominee'];
/** Those the proposer names in the form rather than picks from the candidates' list. */
type NamedKind = 'collective' | 'individual';
const NAMED_KINDS: readonly NamedKind[] = ['collective', 'individual'];
const NAMED_KIND_WORDS: Readonly<Record<NamedKind, string>> = {
  collective: 'Tập thể',
  individual: 'Cá nhân',
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
  // A candidate of the list, or (no nominee) a collective or person named in the form.
  const [nominating, setNominating] = useState<{ nominee?: Nominee } | null>(null);

  if (programme.data === null) return <NoBoard />;
  if (programme.isSuccess && !movement)
    return <Alert type="error" showIcon title={`Không tìm thấy phong trào thi đua ${movementId}`} />;
  if (!movement || !type) return null;
  const canPropose = type.proposers.includes(role);
  const proposable = awardTypes.filter((t) => t.proposers.includes(role));
  const namedKinds = NAMED_KINDS.filter((k) => proposable.some((t) => t.nomineeKinds.includes(k)));
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
          <div className="filter-row">
            <label htmlFor="award-type">Hình thức khen thưởng</label>
            <Select
              id="award-type"
              className="filter-wide"
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
          </div>
          {candidates.error && <Alert type="error" showIcon title={candidates.error.message} />}
          <Table<Candidate>
            rowKey="recipientKey"
            loading={candidates.isLoading}
            pagination={false}
            dataSource={candidates.data ?? []}
            locale={{ emptyText: <span style={{ color: '#262626' }}>Chưa có đối tượng nào.</span> }}
            {...stackOnPhone<Candidate>([
              { title: 'Đơn vị', key: 'name', render: (_, c) => c.nominee.name },
              {
                title: 'Kết quả',
                key: 'eligible',
                render: (_, c) => <EligibleTag eligible={c.report.eligible} />,
              },
              {
                title: 'Căn cứ từng điều kiện',
                key: 'checks',
                render: (_, c) => <EligibilityChecks checks={c.report.checks} />,
              },
              {
                title: 'Đề nghị',
                key: 'nominations',
                rowActions: true,
                render: (_, c) => {
                  const open = c.nominations.filter((n) => !['rejected', 'withdrawn'].includes(n.status));
                  if (open.length > 0)
                    return open.map((n) => (
                      <Link key={n.id} to={`/thi-dua/de-nghi/${n.id}`}>
                        Xem đề nghị
                      </Link>
                    ));
                  return canPropose && c.report.eligible ? (
                    <Button
                      onClick={() => setNominating({ nominee: c.nominee })}
                      aria-label={`Lập đề nghị cho ${c.nominee.name}`}
                    >
                      Lập đề nghị
                    </Button>
                  ) : null;
                },
              },
            ])}
          />
        </Card>
        <Quotas lines={quotas.data ?? []} />
        <Card
          title={<h2 className="card-title">Đề nghị khen thưởng của phong trào</h2>}
          extra={
            namedKinds.length > 0 && (
              <Button onClick={() => setNominating({})}>Đề nghị khen thưởng tập thể, cá nhân</Button>
            )
          }
        >
          <Table<Nomination>
            rowKey="id"
            pagination={false}
            loading={nominations.isLoading}
            dataSource={nominations.data ?? []}
            locale={{ emptyText: <span style={{ color: '#262626' }}>Chưa có đề nghị nào.</span> }}
            {...stackOnPhone<Nomination>([
              {
                title: 'Tập thể, cá nhân được đề nghị',
                key: 'nominee',
                render: (_, n) => (
                  <>
                    <Link to={`/thi-dua/de-nghi/${n.id}`}>{n.nominee.name}</Link>
                    {n.nominee.kind === 'individual' && (n.nominee.position || n.nominee.unit) && (
                      <div>{positionAndUnit(n.nominee)}</div>
                    )}
                  </>
                ),
              },
              { title: 'Hình thức', key: 'type', render: (_, n) => n.awardType.name },
              { title: 'Năm', dataIndex: 'year' },
              {
                title: 'Trạng thái',
                key: 'status',
                render: (_, n) => <NominationStatus status={n.status} />,
              },
            ])}
          />
        </Card>
      </Space>
      {nominating && (
        <Nominate
          candidate={nominating.nominee}
          namedKinds={namedKinds}
          movement={movement}
          awardTypes={proposable}
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
      {...stackOnPhone<QuotaLine>([
        { title: 'Hình thức', dataIndex: 'awardTypeName' },
        { title: 'Cơ sở tính', dataIndex: 'basis' },
        { title: 'Số được đề nghị', dataIndex: 'capacity' },
        {
          title: 'Đã dùng',
          key: 'used',
          render: (_, q) =>
            `${q.used}${q.holders.length ? `: ${q.holders.map((h) => h.nomineeName).join(', ')}` : ''}`,
        },
        { title: 'Nguồn', key: 'source', render: (_, q) => q.source ?? 'Quy định của hình thức khen thưởng' },
      ])}
    />
  </Card>
);

interface NamedNominee {
  kind: NamedKind;
  name: string;
  /** A person's position (chức vụ) and unit (đơn vị công tác), each in a field of its own. */
  position?: string;
  unit?: string;
}

interface NominationValues {
  awardTypeId: string;
  year: number;
  kind: 'movement-result' | 'cluster-lead' | 'other';
  period: string;
  text: string;
  /** The collective or person named in the form, when not a candidate of the list. */
  named?: NamedNominee;
}
type CheckedFor = Pick<NominationValues, 'awardTypeId' | 'year' | 'named'>;

/**
 * A nomination: of a candidate of the list, or of a collective or a person the proposer names here (whose id is
 * made from the name, so nobody types one). The award type (those the user may propose for that kind of nominee)
 * and year, the achievement. Before sending, "Kiểm tra điều kiện" reads the record as the server will on sending
 * and shows each condition; it writes nothing.
 */
const Nominate = ({
  candidate,
  namedKinds,
  movement,
  awardTypes,
  awardType,
  year,
  provinceCode,
  onClose,
}: {
  /** Absent: the form names a collective or a person. */
  candidate?: Nominee;
  /** The kinds the user may name (some award type they propose applies to them). */
  namedKinds: readonly NamedKind[];
  movement: Movement;
  /** The award types the user may propose. */
  awardTypes: readonly AwardType[];
  awardType: AwardType;
  year: number;
  provinceCode: string;
  onClose: () => void;
}) => {
  const navigate = useNavigate();
  const [form] = Form.useForm<NominationValues>();
  // Drawn once per form: the check and the nomination name the same id.
  const [suffix] = useState(randomSuffix);
  // A recipient picked from the record: their id stands while the kind and name are theirs.
  const [picked, setPicked] = useState<KnownRecipient | null>(null);
  const typesFor = (kind: Nominee['kind']) => awardTypes.filter((t) => t.nomineeKinds.includes(kind));
  const pickedFor = (named: Partial<NamedNominee> | undefined) =>
    picked && picked.kind === named?.kind && picked.name === named.name?.trim() ? picked : null;
  const nomineeOf = (named: Partial<NamedNominee> | undefined): Nominee => {
    if (candidate) return candidate;
    const name = named?.name?.trim() ?? '';
    const id = pickedFor(named)?.id ?? nomineeId(name, suffix);
    if (named?.kind !== 'individual') return { kind: 'collective', provinceCode, id, name };
    const position = named.position?.trim();
    const unit = named.unit?.trim();
    return {
      kind: 'individual',
      provinceCode,
      id,
      name,
      ...(position ? { position } : {}),
      ...(unit ? { unit } : {}),
    };
  };
  const about = ({ awardTypeId, year, named }: CheckedFor) => {
    const n = nomineeOf(named);
    return {
      provinceCode,
      movementId: movement.id,
      awardTypeId,
      year,
      nominee:
        n.kind === 'commune'
          ? { kind: n.kind, communeCode: n.communeCode, districtCode: n.districtCode, name: n.name }
          : {
              kind: n.kind,
              id: n.id,
              name: n.name,
              ...(n.kind === 'individual' && n.position ? { position: n.position } : {}),
              ...(n.kind === 'individual' && n.unit ? { unit: n.unit } : {}),
            },
    };
  };
  const shownFor: CheckedFor = {
    awardTypeId: Form.useWatch('awardTypeId', form),
    year: Form.useWatch('year', form),
    named: Form.useWatch('named', form),
  };
  const nominee = nomineeOf(shownFor.named);
  const firstKind = namedKinds[0] ?? 'collective';
  const types = typesFor(candidate?.kind ?? shownFor.named?.kind ?? firstKind);
  const submit = useEmulationCommand(
    ({ awardTypeId, year, named, ...achievement }: NominationValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations', {
          params: { header },
          body: { ...about({ awardTypeId, year, named }), achievement },
        }),
      ),
    `Đã lập đề nghị khen thưởng cho ${nominee.name}`,
    (answer) => void navigate(`/thi-dua/de-nghi/${answer.nominationId}`),
  );
  const check = useMutation({
    mutationFn: (v: CheckedFor) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/eligibility', {
          params: { query: readAfterWrite() },
          body: about(v),
        }),
      ),
  });
  // The check needs what names the nominee; a person's position and unit do not change its result.
  const needed = candidate
    ? []
    : [
        ['named', 'kind'],
        ['named', 'name'],
      ];
  const checkNow = () =>
    form.validateFields(['awardTypeId', 'year', ...needed]).then(
      (v) => check.mutate({ awardTypeId: v.awardTypeId, year: v.year, named: v.named }),
      () => undefined, // the fields show what is missing
    );
  // A result stands for the nominee (their id too: one picked from the record has its awards), award type and year it
  // was asked for: changing any of them hides it.
  const checkedKey = ({ awardTypeId, year, named }: CheckedFor) => {
    const n = nomineeOf(named);
    return JSON.stringify([awardTypeId, year, n.kind, n.name, n.kind === 'commune' ? n.communeCode : n.id]);
  };
  const report =
    check.variables && checkedKey(check.variables) === checkedKey(shownFor) ? check.data : undefined;
  // Another kind of nominee: keep the award type if it applies to it, else take the first that does.
  const kindChosen = (kind: NamedKind) => {
    const applying = typesFor(kind);
    if (!applying.some((t) => t.id === form.getFieldValue('awardTypeId')))
      form.setFieldValue('awardTypeId', applying[0]?.id);
  };
  const person = !candidate && (shownFor.named?.kind ?? firstKind) === 'individual';
  const pick = (r: KnownRecipient) => {
    form.setFieldValue('named', {
      kind: r.kind,
      name: r.name,
      position: r.position ?? undefined,
      unit: r.unit ?? undefined,
    });
    kindChosen(r.kind);
    setPicked(r);
  };
  return (
    <CommandModal<NominationValues>
      title={candidate ? `Đề nghị khen thưởng cho ${candidate.name}` : 'Đề nghị khen thưởng tập thể, cá nhân'}
      okText="Gửi đề nghị"
      name="nomination"
      command={submit}
      form={form}
      actions={
        <Button onClick={() => void checkNow()} loading={check.isPending}>
          Kiểm tra điều kiện
        </Button>
      }
      initialValues={{
        awardTypeId: candidate ? awardType.id : typesFor(firstKind)[0]?.id,
        year,
        kind: 'movement-result',
        period: `${movement.fromYear}-${movement.toYear}`,
        ...(candidate ? {} : { named: { kind: firstKind, name: '' } }),
      }}
      onClose={onClose}
    >
      {!candidate && (
        <>
          <RecipientSearch
            provinceCode={provinceCode}
            kind={namedKinds.length === 1 ? namedKinds[0] : undefined}
            picked={pickedFor(shownFor.named)}
            onPick={pick}
          />
          <Form.Item name={['named', 'kind']} label="Đối tượng">
            <Radio.Group onChange={(e) => kindChosen(e.target.value as NamedKind)}>
              {namedKinds.map((k) => (
                <Radio key={k} value={k}>
                  {NAMED_KIND_WORDS[k]}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <TextField
            name={['named', 'name']}
            label={person ? 'Họ và tên' : 'Tên tập thể'}
            message={person ? 'Nhập họ và tên' : 'Nhập tên tập thể'}
            max={300}
          />
          {person && (
            <>
              <TextField name={['named', 'position']} label="Chức vụ" message="Nhập chức vụ" max={300} />
              <TextField
                name={['named', 'unit']}
                label="Đơn vị công tác"
                message="Nhập đơn vị công tác"
                max={300}
              />
            </>
          )}
        </>
      )}
      <Required name="awardTypeId" label="Hình thức khen thưởng" message="Chọn hình thức khen thưởng">
        <Select options={types.map((t) => ({ value: t.id, label: t.name }))} />
      </Required>
      <YearField name="year" label="Năm xét" />
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
      <CommandError error={check.error} />
      <div aria-live="polite">
        {report && (
          <section aria-label="Kết quả kiểm tra điều kiện">
            <p>
              {report.awardTypeName} năm {shownFor.year}: <EligibleTag eligible={report.eligible} />
            </p>
            <EligibilityChecks checks={report.checks} />
          </section>
        )}
      </div>
    </CommandModal>
  );
};

const recipientLabel = (r: KnownRecipient) =>
  [
    r.name,
    positionAndUnit(r),
    `${NAMED_KIND_WORDS[r.kind].toLowerCase()}: ${r.nominations} đề nghị, ${r.awards} khen thưởng`,
  ]
    .filter(Boolean)
    .join(' - ');

/**
 * Who the record already knows (nominated or awarded, prior awards too), found by name with or without diacritics:
 * picking one nominates them under the id they hold, so their earlier awards count; two people of one name are
 * told apart by position and record.
 */
const RecipientSearch = ({
  provinceCode,
  kind,
  picked,
  onPick,
}: {
  provinceCode: string;
  /** Only this kind, when the user may name no other. */
  kind?: NamedKind;
  picked: KnownRecipient | null;
  onPick: (r: KnownRecipient) => void;
}) => {
  const [text, setText] = useState('');
  const q = useSettled(text.trim());
  const found = useQuery({
    queryKey: ['emulation', provinceCode, 'recipients', q, kind],
    enabled: q.length > 0,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/recipients', {
          params: { path: { provinceCode }, query: { q, ...(kind ? { kind } : {}), ...readAfterWrite() } },
        }),
      ) as Promise<KnownRecipient[]>,
  });
  const options = (found.data ?? []).map((r) => ({ value: r.recipientKey, label: recipientLabel(r) }));
  return (
    <Form.Item
      label="Chọn trong sổ khen thưởng (nếu đã có)"
      htmlFor="known-recipient"
      extra="Gõ tên có dấu hoặc không dấu; chọn để đề nghị đúng tập thể, cá nhân đã có trong sổ"
    >
      <Select
        id="known-recipient"
        showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
        value={picked?.recipientKey}
        options={
          picked && !options.some((o) => o.value === picked.recipientKey)
            ? [...options, { value: picked.recipientKey, label: recipientLabel(picked) }]
            : options
        }
        loading={found.isFetching}
        notFoundContent={
          q ? (found.isFetching ? 'Đang tìm...' : 'Không có trong sổ khen thưởng') : 'Gõ tên để tìm'
        }
        onChange={(key: string) => {
          const r = found.data?.find((x) => x.recipientKey === key);
          if (r) onPick(r);
        }}
      />
    </Form.Item>
  );
};
