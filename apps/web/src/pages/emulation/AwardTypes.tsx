import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
} from 'antd';
import { api, unwrap } from '../../api/client';
import type { AwardType, Movement, Role } from '../../api/types';
import { stackOnPhone } from '../../components/stack-on-phone';
import { formatDate, levelLabels, roleTitle } from '../../labels';
import {
  Choice,
  CommandModal,
  Fraction,
  isSecretary,
  MovementQuotaFields,
  NoBoard,
  PageTitle,
  type QuotaBase,
  QuotaShareFields,
  readAfterWrite,
  Required,
  SlugField,
  TextField,
  useEmulationCommand,
  useProgramme,
  useProvince,
} from './shared';
import { quotaBaseLabels } from '../../../../../libs/commendation/src/quota-base-labels';

type Listed = AwardType & { ruleLabels: string[] };
type Quota = NonNullable<Movement['quotas']>[number];

const levelWords: Record<AwardType['level'], string> = {
  commune: 'Cấp xã',
  district: 'Cấp huyện',
  province: 'Cấp tỉnh',
  central: 'Cấp Trung ương',
};

const share = (q: { share: { num: number; den: number }; base: QuotaBase; rounding: 'floor' | 'ceil' }) =>
  `${q.share.num}/${q.share.den} ${quotaBaseLabels[q.base]} (${q.rounding === 'floor' ? 'làm tròn xuống' : 'làm tròn lên'})`;

const quotaOf = (t: AwardType) => t.rules.find((r) => r.kind === 'quota');

/** Roles that may propose or record a decision (the board's own members decide nothing). */
const ROLE_CHOICES: Role[] = [
  'district_officer',
  'province_officer',
  'emulation_secretary',
  'chairman',
  'commune_officer',
];

/**
 * The award types in force and their quotas (Hình thức khen thưởng, chỉ tiêu): each type's conditions, who
 * proposes and who decides, the council's voting rule, the share of communes it may go to; each movement's own
 * quotas (set when the movement is launched, amended by the secretary with the reason or basis document). The
 * board's secretary defines a type or changes one, its conditions too (the server checks the seat again).
 */
export default function AwardTypes() {
  const { provinceCode, role, userId } = useProvince();
  const programme = useProgramme(provinceCode);
  const types = useQuery({
    queryKey: ['emulation', provinceCode, 'award-types'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/award-types', {
          params: { path: { provinceCode }, query: readAfterWrite() },
        }),
      ) as Promise<Listed[]>,
  });
  const [editing, setEditing] = useState<AwardType | 'new' | null>(null);
  const [amending, setAmending] = useState<Movement | null>(null);
  if (programme.data === null) return <NoBoard />;
  const secretary = isSecretary(programme.data, role, userId);
  const movements = Object.values(programme.data?.movements ?? {});
  const quotas = movements.flatMap((m) => (m.quotas ?? []).map((q) => ({ ...q, movement: m.name })));
  const typeName = (id: string) => types.data?.find((t) => t.id === id)?.name ?? id;
  return (
    <>
      <Link to="/thi-dua">← Thi đua, khen thưởng</Link>
      <PageTitle>Hình thức khen thưởng và chỉ tiêu</PageTitle>
      {types.error && <Alert type="error" showIcon title={types.error.message} />}
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 className="card-title">Hình thức khen thưởng đang áp dụng</h2>}>
          <Table<Listed>
            rowKey="id"
            size="small"
            pagination={false}
            loading={types.isLoading}
            dataSource={types.data ?? []}
            {...stackOnPhone<Listed>([
              { title: 'Hình thức', dataIndex: 'name' },
              { title: 'Cấp', key: 'level', render: (_, t) => levelWords[t.level] },
              {
                title: 'Người đề nghị',
                key: 'proposers',
                render: (_, t) => t.proposers.map(roleTitle).join('; '),
              },
              { title: 'Thẩm quyền quyết định', key: 'authority', render: (_, t) => t.decision.authority },
              {
                title: 'Điều kiện',
                key: 'rules',
                render: (_, t) =>
                  t.ruleLabels.length ? (
                    <ul style={{ margin: 0, paddingLeft: 18 }}>
                      {t.ruleLabels.map((l) => (
                        <li key={l}>{l}</li>
                      ))}
                    </ul>
                  ) : (
                    'Không có điều kiện riêng'
                  ),
              },
              {
                title: 'Chỉ tiêu',
                key: 'quota',
                render: (_, t) => {
                  const q = quotaOf(t);
                  return q?.kind === 'quota' ? `Tối đa ${share(q)}` : 'Không giới hạn';
                },
              },
              ...(secretary
                ? [
                    {
                      title: 'Quy định',
                      key: 'edit',
                      rowActions: true,
                      render: (_: unknown, t: Listed) => (
                        <Button onClick={() => setEditing(t)} aria-label={`Sửa quy định ${t.name}`}>
                          Sửa quy định
                        </Button>
                      ),
                    },
                  ]
                : []),
            ])}
          />
          {secretary && (
            <Button type="primary" style={{ marginTop: 16 }} onClick={() => setEditing('new')}>
              Thêm hình thức khen thưởng
            </Button>
          )}
        </Card>
        <Card title={<h2 className="card-title">Chỉ tiêu riêng của các phong trào</h2>}>
          <Table<Quota & { movement: string }>
            rowKey={(q) => `${q.movement}/${q.id}`}
            size="small"
            pagination={false}
            dataSource={quotas}
            locale={{
              emptyText: (
                <span style={{ color: '#262626' }}>
                  Các phong trào không có chỉ tiêu riêng; áp dụng chỉ tiêu của từng hình thức.
                </span>
              ),
            }}
            {...stackOnPhone<Quota & { movement: string }>([
              { title: 'Phong trào', dataIndex: 'movement' },
              { title: 'Hình thức', key: 'type', render: (_, q) => typeName(q.awardTypeId) },
              { title: 'Tối đa', key: 'share', render: (_, q) => share(q) },
              { title: 'Căn cứ', dataIndex: 'source' },
            ])}
          />
          <p style={{ marginTop: 12, marginBottom: 0 }}>
            Chỉ tiêu riêng được ấn định khi phát động phong trào (
            <Link to="/thi-dua" style={{ textDecoration: 'underline' }}>
              Thi đua, khen thưởng
            </Link>
            ); Thư ký Hội đồng sửa chỉ tiêu theo quyết định của Hội đồng. Đề nghị đã lập giữ chỗ của mình.
          </p>
          <ul style={{ marginTop: 12, marginBottom: 0, paddingLeft: 18 }}>
            {movements.map((m) => (
              <li key={m.id} style={{ marginBottom: 8 }}>
                {m.name}
                {secretary && (
                  <Button
                    style={{ marginLeft: 12 }}
                    onClick={() => setAmending(m)}
                    aria-label={`Sửa chỉ tiêu ${m.name}`}
                  >
                    Sửa chỉ tiêu
                  </Button>
                )}
                <QuotaHistory movement={m} typeName={typeName} />
              </li>
            ))}
          </ul>
        </Card>
      </Space>
      {amending && (
        <AmendQuotas
          provinceCode={provinceCode}
          movement={amending}
          awardTypes={programme.data?.awardTypes ?? []}
          onClose={() => setAmending(null)}
        />
      )}
      {editing && (
        <DefineAwardType
          provinceCode={provinceCode}
          current={editing === 'new' ? null : editing}
          types={types.data ?? []}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/** A list of quotas in one line each: the award type and its share. */
const QuotaList = ({ quotas, typeName }: { quotas: readonly Quota[]; typeName: (id: string) => string }) =>
  quotas.length ? (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {quotas.map((q) => (
        <li key={q.id}>
          {typeName(q.awardTypeId)}: tối đa {share(q)}
        </li>
      ))}
    </ul>
  ) : (
    <> không có chỉ tiêu riêng (áp dụng chỉ tiêu của từng hình thức)</>
  );

/**
 * Every amendment of a movement's quotas, newest first, folded under one line: when, on which document or for
 * what reason, the list it set and the one before. Each record keeps the list before it; the list an amendment
 * set is the one the next amendment found, or for the latest the quotas in force.
 */
const QuotaHistory = ({ movement, typeName }: { movement: Movement; typeName: (id: string) => string }) => {
  const amendments = movement.quotaAmendments ?? [];
  if (!amendments.length) return null;
  const entries = amendments
    .map((a, i) => ({ ...a, round: i + 1, set: amendments[i + 1]?.previous ?? movement.quotas ?? [] }))
    .reverse();
  return (
    <details style={{ marginTop: 4 }}>
      <summary style={{ cursor: 'pointer' }}>
        Lịch sử sửa chỉ tiêu: {amendments.length} lần, gần nhất ngày {formatDate(entries[0].amendedAt)}
      </summary>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {entries.map((a) => (
          <li key={a.round} style={{ marginBottom: 8 }}>
            <strong>
              Lần {a.round}, ngày {formatDate(a.amendedAt)}
            </strong>
            {a.basis && ` — theo văn bản số ${a.basis.number} ngày ${formatDate(a.basis.issuedOn)}`}
            {a.reason && ` — lý do: ${a.reason}`}
            <div>
              Chỉ tiêu sau khi sửa:
              <QuotaList quotas={a.set} typeName={typeName} />
            </div>
            <div>
              Trước khi sửa:
              <QuotaList quotas={a.previous} typeName={typeName} />
            </div>
          </li>
        ))}
      </ul>
    </details>
  );
};

type Condition = Exclude<AwardType['rules'][number], { kind: 'quota' }>;

const conditionWords: Record<Condition['kind'], string> = {
  'holds-recognition': 'Đang giữ danh hiệu xã đạt chuẩn',
  'recognised-in-period': 'Được công nhận đạt chuẩn trong giai đoạn của phong trào',
  'leads-cluster': 'Dẫn đầu cụm, khối thi đua trong năm',
  'consecutive-titles': 'Đạt danh hiệu nhiều năm liên tục',
  'not-awarded-in-earlier-period': 'Chưa được khen thưởng ở giai đoạn trước',
};

const levelChoices = Object.entries(levelLabels).map(([value, label]) => ({ value, label }));

interface AwardTypeValues {
  id: string;
  name: string;
  level: AwardType['level'];
  nomineeKinds: AwardType['nomineeKinds'];
  proposers: Role[];
  decisionRole: Role;
  authority: string;
  quorum: { num: number; den: number };
  approval: { num: number; den: number; strict: boolean };
  approvalBase: 'present' | 'members';
  ballot: 'open' | 'secret';
  conditions?: Condition[];
  hasQuota: boolean;
  quota: { base: QuotaBase; num: number; den: number; rounding: 'floor' | 'ceil' };
}

const valuesOf = (t: AwardType | null): Partial<AwardTypeValues> => {
  const q = t && quotaOf(t);
  return t
    ? {
        id: t.id,
        name: t.name,
        level: t.level,
        nomineeKinds: t.nomineeKinds,
        proposers: t.proposers,
        decisionRole: t.decision.role,
        authority: t.decision.authority,
        quorum: t.review.quorum,
        approval: t.review.approval,
        approvalBase: t.review.approvalBase,
        ballot: t.review.ballot ?? 'open',
        conditions: t.rules.filter((r): r is Condition => r.kind !== 'quota'),
        hasQuota: q?.kind === 'quota',
        quota:
          q?.kind === 'quota'
            ? { base: q.base, num: q.share.num, den: q.share.den, rounding: q.rounding }
            : { base: 'province-ntm-communes', num: 5, den: 100, rounding: 'floor' },
      }
    : {
        level: 'province',
        nomineeKinds: ['commune'],
        proposers: ['emulation_secretary'],
        decisionRole: 'chairman',
        authority: 'Chủ tịch Ủy ban nhân dân tỉnh',
        quorum: { num: 2, den: 3 },
        approval: { num: 1, den: 2, strict: true },
        approvalBase: 'members',
        ballot: 'open',
        hasQuota: false,
        quota: { base: 'province-ntm-communes', num: 5, den: 100, rounding: 'floor' },
      };
};

/** The fields one kind of condition needs (the server checks them again). */
const ConditionFields = ({
  row,
  kind,
  types,
}: {
  row: number;
  kind?: Condition['kind'];
  types: Listed[];
}) => {
  switch (kind) {
    case 'holds-recognition':
      return (
        <Required name={[row, 'level']} label="Mức đạt chuẩn" message="Chọn mức đạt chuẩn">
          <Select style={{ minWidth: 260 }} options={levelChoices} />
        </Required>
      );
    case 'recognised-in-period':
      return (
        <Required name={[row, 'levels']} label="Các mức đạt chuẩn" message="Chọn ít nhất một mức">
          <Select
            mode="multiple"
            aria-label="Các mức đạt chuẩn"
            style={{ minWidth: 260 }}
            options={levelChoices}
          />
        </Required>
      );
    case 'consecutive-titles':
      return (
        <Space wrap align="start">
          <Required name={[row, 'years']} label="Số năm liên tục" message="Nhập số năm">
            <InputNumber min={1} max={20} />
          </Required>
          <TextField name={[row, 'title']} label="Tên danh hiệu" message="Nhập tên danh hiệu" max={300} />
          <SlugField name={[row, 'awardTypeId']} label="Mã danh hiệu" example="tap-the-lao-dong-xuat-sac" />
          <Choice
            name={[row, 'endingWith']}
            label="Tính đến"
            options={[
              { value: 'nomination-year', label: 'Năm đề nghị' },
              { value: 'previous-year', label: 'Năm trước năm đề nghị' },
            ]}
          />
        </Space>
      );
    case 'not-awarded-in-earlier-period':
      return (
        <Required
          name={[row, 'awardTypeIds']}
          label="Các hình thức đã khen"
          message="Chọn ít nhất một hình thức"
        >
          <Select
            mode="multiple"
            aria-label="Các hình thức đã khen"
            style={{ minWidth: 320 }}
            options={types.map((t) => ({ value: t.id, label: t.name }))}
          />
        </Required>
      );
    default:
      return null;
  }
};

/** What a new condition of a kind starts with. */
const newCondition: Record<Condition['kind'], object> = {
  'holds-recognition': { level: 'ntm' },
  'recognised-in-period': { levels: ['ntm'] },
  'leads-cluster': {},
  'consecutive-titles': { years: 2, endingWith: 'nomination-year' },
  'not-awarded-in-earlier-period': { awardTypeIds: [] },
};

/** The conditions other than the quota, each of a kind with its own fields. */
const Conditions = ({ types }: { types: Listed[] }) => (
  <Form.List name="conditions">
    {(rows, { add, remove }) => (
      <>
        <h3 style={{ fontSize: 16 }}>Điều kiện khen thưởng</h3>
        {rows.map((row, i) => (
          <fieldset key={row.key} style={{ border: '1px solid #d9d9d9', padding: 12, marginBottom: 12 }}>
            <legend style={{ width: 'auto', fontSize: 14, margin: 0 }}>Điều kiện {i + 1}</legend>
            <Form.Item noStyle dependencies={[['conditions', row.name, 'kind']]}>
              {({ getFieldValue }) => {
                const kind = getFieldValue(['conditions', row.name, 'kind']) as Condition['kind'];
                return (
                  <>
                    <Form.Item name={[row.name, 'kind']} hidden>
                      <Input />
                    </Form.Item>
                    <p style={{ fontWeight: 600 }}>{conditionWords[kind]}</p>
                    <ConditionFields row={row.name} kind={kind} types={types} />
                  </>
                );
              }}
            </Form.Item>
            <Button onClick={() => remove(row.name)}>Bỏ điều kiện {i + 1}</Button>
          </fieldset>
        ))}
        <Space wrap style={{ marginBottom: 16 }}>
          {(Object.keys(conditionWords) as Condition['kind'][]).map((kind) => (
            // A condition's name is longer than a phone's screen: its words wrap (index.css, .wraps-on-phone).
            <Button
              key={kind}
              className="wraps-on-phone"
              onClick={() => add({ kind, ...newCondition[kind] })}
            >
              Thêm: {conditionWords[kind]}
            </Button>
          ))}
        </Space>
      </>
    )}
  </Form.List>
);

/** Defines an award type, or changes one (the same id replaces it from now on). */
const DefineAwardType = ({
  provinceCode,
  current,
  types,
  onClose,
}: {
  provinceCode: string;
  current: AwardType | null;
  types: Listed[];
  onClose: () => void;
}) => {
  const define = useEmulationCommand(
    (v: AwardTypeValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/award-types', {
          params: { path: { provinceCode }, header },
          body: {
            id: v.id,
            name: v.name,
            level: v.level,
            nomineeKinds: v.nomineeKinds,
            proposers: v.proposers,
            decision: { role: v.decisionRole, authority: v.authority },
            review: {
              // What the form does not show is kept as the type has it.
              quorum: { ...v.quorum, strict: current?.review.quorum.strict ?? false },
              approval: v.approval,
              approvalBase: v.approvalBase,
              ballot: v.ballot,
              ...(current?.review.writtenVotes !== undefined
                ? { writtenVotes: current.review.writtenVotes }
                : {}),
            },
            rules: [
              ...(v.conditions ?? []),
              ...(v.hasQuota
                ? [
                    {
                      kind: 'quota',
                      base: v.quota.base,
                      share: { num: v.quota.num, den: v.quota.den },
                      rounding: v.quota.rounding,
                    },
                  ]
                : []),
            ],
          },
        }),
      ),
    current ? `Đã sửa quy định ${current.name}` : 'Đã thêm hình thức khen thưởng',
    onClose,
  );
  return (
    <CommandModal<AwardTypeValues>
      title={current ? `Sửa quy định ${current.name}` : 'Thêm hình thức khen thưởng'}
      okText="Lưu quy định"
      name="award-type"
      command={define}
      initialValues={valuesOf(current)}
      onClose={onClose}
    >
      {current ? (
        <Form.Item name="id" hidden>
          <Input />
        </Form.Item>
      ) : (
        <SlugField name="id" label="Mã hình thức" example="bang-khen-chu-tich-tinh" />
      )}
      <TextField name="name" label="Tên hình thức khen thưởng" message="Nhập tên hình thức" max={300} />
      <Required name="level" label="Cấp khen thưởng" message="Chọn cấp khen thưởng">
        <Select options={Object.entries(levelWords).map(([value, label]) => ({ value, label }))} />
      </Required>
      <Required name="nomineeKinds" label="Đối tượng được khen" message="Chọn ít nhất một đối tượng">
        <Select
          mode="multiple"
          aria-label="Đối tượng được khen"
          options={[
            { value: 'commune', label: 'Xã' },
            { value: 'collective', label: 'Tập thể' },
            { value: 'individual', label: 'Cá nhân' },
          ]}
        />
      </Required>
      <Required name="proposers" label="Người được lập đề nghị" message="Chọn ít nhất một vai trò">
        <Select
          mode="multiple"
          aria-label="Người được lập đề nghị"
          options={ROLE_CHOICES.map((r) => ({ value: r, label: roleTitle(r) }))}
        />
      </Required>
      <Required name="decisionRole" label="Người ghi quyết định vào hệ thống" message="Chọn vai trò">
        <Select options={ROLE_CHOICES.map((r) => ({ value: r, label: roleTitle(r) }))} />
      </Required>
      <TextField
        name="authority"
        label="Cấp có thẩm quyền quyết định"
        message="Nhập cấp có thẩm quyền"
        max={300}
      />
      <Fraction name={['quorum']} label="Tỷ lệ thành viên có mặt tối thiểu" />
      <Fraction name={['approval']} label="Tỷ lệ tán thành" />
      <Choice
        name={['approval', 'strict']}
        label="Tán thành phải"
        options={[
          { value: true, label: 'Trên tỷ lệ' },
          { value: false, label: 'Từ tỷ lệ trở lên' },
        ]}
      />
      <Choice
        name="approvalBase"
        label="Tỷ lệ tán thành tính trên"
        options={[
          { value: 'members', label: 'Tổng số thành viên Hội đồng' },
          { value: 'present', label: 'Số thành viên có mặt' },
        ]}
      />
      <Choice
        name="ballot"
        label="Hình thức biểu quyết"
        options={[
          { value: 'open', label: 'Biểu quyết công khai' },
          { value: 'secret', label: 'Bỏ phiếu kín' },
        ]}
      />
      <Conditions types={types} />
      <Form.Item name="hasQuota" valuePropName="checked">
        <Checkbox>Có chỉ tiêu (số được khen tối đa theo tỷ lệ)</Checkbox>
      </Form.Item>
      <Form.Item noStyle dependencies={['hasQuota']}>
        {({ getFieldValue }) =>
          getFieldValue('hasQuota') === true && (
            <>
              <Fraction name={['quota']} label="Tỷ lệ tối đa" />
              <QuotaShareFields name={['quota']} />
            </>
          )
        }
      </Form.Item>
    </CommandModal>
  );
};

interface AmendValues {
  quotas?: (Omit<Quota, 'id'> & { id?: string })[];
  reason?: string;
  basisNumber?: string;
  basisIssuedOn?: Dayjs;
}

/**
 * The secretary replaces a movement's quotas: the full new list, with the reason or the board's document (số,
 * ngày). A quota kept from the list keeps its id; the server refuses to drop one that nominations hold places in.
 */
const AmendQuotas = ({
  provinceCode,
  movement,
  awardTypes,
  onClose,
}: {
  provinceCode: string;
  movement: Movement;
  awardTypes: readonly AwardType[];
  onClose: () => void;
}) => {
  const amend = useEmulationCommand(
    (v: AmendValues, header) => {
      const kept = new Set((v.quotas ?? []).flatMap((q) => (q.id ? [q.id] : [])));
      let next = 0;
      const freshId = (): string => {
        do next += 1;
        while (kept.has(`chi-tieu-${next}`));
        return `chi-tieu-${next}`;
      };
      const number = v.basisNumber?.trim();
      return unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/movements/{movementId}/quotas', {
          params: { path: { provinceCode, movementId: movement.id }, header },
          body: {
            quotas: (v.quotas ?? []).map((q) => ({ ...q, id: q.id || freshId() })),
            ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
            ...(number || v.basisIssuedOn
              ? { basis: { number: number ?? '', issuedOn: v.basisIssuedOn?.format('YYYY-MM-DD') ?? '' } }
              : {}),
          },
        }),
      );
    },
    `Đã sửa chỉ tiêu của phong trào ${movement.name}`,
    onClose,
  );
  return (
    <CommandModal<AmendValues>
      title={`Sửa chỉ tiêu: ${movement.name}`}
      okText="Lưu chỉ tiêu"
      name="amend-quotas"
      command={amend}
      initialValues={{ quotas: [...(movement.quotas ?? [])] }}
      onClose={onClose}
    >
      <MovementQuotaFields awardTypes={awardTypes} />
      <Form.Item name="reason" label="Lý do sửa">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="basisNumber" label="Văn bản làm căn cứ: số">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="basisIssuedOn" label="ngày">
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
      </Space>
    </CommandModal>
  );
};
