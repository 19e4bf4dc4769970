import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, Card, Form, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../../api/client';
import { formatDate } from '../../labels';
import type { AwardType, ClusterScores, EmulationProgramme, Movement } from '../../api/types';
import { stackOnPhone } from '../../components/stack-on-phone';
import { CommandError } from '../dossier/command';
import {
  Choice,
  CommandForm,
  DateField,
  isSecretary,
  MovementQuotaFields,
  Required,
  SlugField,
  TextField,
  YearField,
  NoBoard,
  PageTitle,
  readAfterWrite,
  useCommunes,
  useEmulationCommand,
  useProgramme,
  useProvince,
} from './shared';

const THIS_YEAR = new Date().getFullYear();
type Cluster = EmulationProgramme['clusters'][string];

/**
 * The province's emulation programme (Hội đồng Thi đua - Khen thưởng): the board and its members, the movements,
 * the clusters and blocks with the year's scores and rankings, and the award types in force.
 */
export default function EmulationHome() {
  const { provinceCode, role, userId } = useProvince();
  const programme = useProgramme(provinceCode);
  const p = programme.data;
  return (
    <>
      <PageTitle>Thi đua, khen thưởng</PageTitle>
      {programme.error && <Alert type="error" showIcon title={programme.error.message} />}
      {programme.data === null && <NoBoard />}
      {programme.data === null && role === 'chairman' && <AppointBoard provinceCode={provinceCode} />}
      {p && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Board programme={p} />
          {role === 'chairman' && <AppointBoard provinceCode={provinceCode} board={p.board} />}
          <Movements programme={p} canLaunch={isSecretary(p, role, userId)} />
          <Clusters programme={p} provinceCode={provinceCode} secretary={isSecretary(p, role, userId)} />
          <AwardTypes programme={p} />
        </Space>
      )}
    </>
  );
}

const Board = ({ programme }: { programme: EmulationProgramme }) => (
  <Card title={<h2 className="card-title">Hội đồng Thi đua - Khen thưởng</h2>}>
    {programme.board && (
      <>
        <Typography.Paragraph>
          Thành lập, kiện toàn ngày {formatDate(programme.board.appointedOn)};{' '}
          {programme.board.members.length} thành viên.
        </Typography.Paragraph>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={[...programme.board.members]}
          columns={[
            { title: 'Họ và tên', dataIndex: 'name' },
            {
              title: 'Nhiệm vụ trong Hội đồng',
              dataIndex: 'role',
              render: (r: string) => (r === 'secretary' ? 'Thư ký Hội đồng' : 'Ủy viên'),
            },
          ]}
        />
      </>
    )}
  </Card>
);

type BoardValues = NonNullable<EmulationProgramme['board']>;
type BoardFormValues = Omit<BoardValues, 'appointedOn'> & { appointedOn: Dayjs };

/** The chairman appoints the council, or re-appoints it whole with its changes (kiện toàn). */
const AppointBoard = ({ provinceCode, board }: { provinceCode: string; board?: BoardValues | null }) => {
  const appoint = useEmulationCommand(
    (v: BoardFormValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/board', {
          params: { path: { provinceCode }, header },
          body: { members: v.members, appointedOn: v.appointedOn.format('YYYY-MM-DD') },
        }),
      ),
    'Đã ghi quyết định thành lập, kiện toàn Hội đồng',
  );
  return (
    <Card
      title={
        <h2 className="card-title">
          {board ? 'Kiện toàn Hội đồng Thi đua - Khen thưởng' : 'Thành lập Hội đồng Thi đua - Khen thưởng'}
        </h2>
      }
      style={{ marginTop: 16 }}
    >
      <CommandForm<BoardFormValues>
        name="board"
        command={appoint}
        submitText={board ? 'Kiện toàn Hội đồng' : 'Thành lập Hội đồng'}
        initialValues={{
          members: board?.members ?? [{ id: '', name: '', role: 'secretary' }],
          appointedOn: dayjs(),
        }}
      >
        <Form.List name="members">
          {(rows, { add, remove }) => (
            <>
              {rows.map((row, i) => (
                // One group a member: on a phone a box of its own (index.css, .member-row).
                <Space
                  key={row.key}
                  wrap
                  align="start"
                  className="member-row"
                  role="group"
                  aria-label={`Thành viên ${i + 1}`}
                >
                  <TextField
                    name={[row.name, 'id']}
                    label={`Tài khoản của thành viên ${i + 1}`}
                    message="Nhập tài khoản đăng nhập"
                    max={100}
                  />
                  <TextField
                    name={[row.name, 'name']}
                    label={`Họ và tên thành viên ${i + 1}`}
                    message="Nhập họ và tên"
                    max={200}
                  />
                  <Required
                    name={[row.name, 'role']}
                    label={`Nhiệm vụ của thành viên ${i + 1}`}
                    message="Chọn nhiệm vụ"
                  >
                    <Select
                      style={{ minWidth: 180 }}
                      options={[
                        { value: 'secretary', label: 'Thư ký Hội đồng' },
                        { value: 'member', label: 'Ủy viên' },
                      ]}
                    />
                  </Required>
                  <Button onClick={() => remove(row.name)} className="member-row-remove">
                    Bỏ thành viên {i + 1}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({ id: '', name: '', role: 'member' })} style={{ marginBottom: 16 }}>
                Thêm thành viên
              </Button>
            </>
          )}
        </Form.List>
        <DateField name="appointedOn" label="Ngày quyết định" />
      </CommandForm>
    </Card>
  );
};

const Movements = ({ programme, canLaunch }: { programme: EmulationProgramme; canLaunch: boolean }) => {
  const movements = Object.values(programme.movements);
  return (
    <Card title={<h2 className="card-title">Phong trào thi đua</h2>}>
      <Table<Movement>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: true }}
        dataSource={movements}
        locale={{ emptyText: <span style={{ color: '#262626' }}>Chưa phát động phong trào nào.</span> }}
        {...stackOnPhone<Movement>([
          {
            title: 'Phong trào',
            key: 'name',
            render: (_, m) => <Link to={`/thi-dua/phong-trao/${m.id}`}>{m.name}</Link>,
          },
          { title: 'Giai đoạn', key: 'years', render: (_, m) => `${m.fromYear}-${m.toYear}` },
          { title: 'Phạm vi', dataIndex: 'scope' },
          {
            title: 'Phát động',
            key: 'launched',
            render: (_, m) => `${m.launchedBy}, ngày ${formatDate(m.launchedOn)}`,
          },
        ])}
      />
      {canLaunch && (
        <LaunchMovement provinceCode={programme.provinceCode} awardTypes={programme.awardTypes} />
      )}
    </Card>
  );
};

interface MovementValues extends Omit<Movement, 'launchedOn' | 'quotas'> {
  launchedOn: Dayjs;
  quotas?: Omit<NonNullable<Movement['quotas']>[number], 'id'>[];
}

/**
 * Launches a movement with its own quotas, if any (the secretary amends them later on the award types page).
 * Each quota gets its key from its place in the list.
 */
const LaunchMovement = ({
  provinceCode,
  awardTypes,
}: {
  provinceCode: string;
  awardTypes: EmulationProgramme['awardTypes'];
}) => {
  const [form] = Form.useForm<MovementValues>();
  const launch = useEmulationCommand(
    (values: MovementValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/movements', {
          params: { path: { provinceCode }, header },
          body: {
            ...values,
            launchedOn: values.launchedOn.format('YYYY-MM-DD'),
            quotas: values.quotas?.map((q, i) => ({ ...q, id: `chi-tieu-${i + 1}` })),
          },
        }),
      ),
    'Đã phát động phong trào thi đua',
    () => form.resetFields(),
  );
  return (
    <section style={{ marginTop: 24 }} aria-labelledby="launch-movement">
      <h3 id="launch-movement">Phát động phong trào</h3>
      <CommandForm<MovementValues>
        name="movement"
        form={form}
        command={launch}
        submitText="Phát động phong trào"
        initialValues={{ fromYear: THIS_YEAR, toYear: THIS_YEAR, scope: 'toàn tỉnh', launchedOn: dayjs() }}
      >
        <Space wrap align="start">
          <SlugField name="id" label="Mã phong trào" example="ntm-2021-2025" />
          <TextField
            name="name"
            label="Tên phong trào"
            message="Nhập tên phong trào"
            max={300}
            style={{ minWidth: 360 }}
          />
          <YearField name="fromYear" label="Từ năm" />
          <YearField name="toYear" label="Đến năm" />
          <TextField name="scope" label="Phạm vi" message="Nhập phạm vi" max={200} />
          <TextField
            name="launchedBy"
            label="Cơ quan, người phát động"
            message="Nhập cơ quan, người phát động"
            max={200}
          />
          <DateField name="launchedOn" label="Ngày phát động" />
        </Space>
        <h4>Chỉ tiêu khen thưởng riêng của phong trào</h4>
        <Typography.Paragraph>
          Hình thức không có chỉ tiêu riêng áp dụng chỉ tiêu của chính hình thức đó. Sau khi phát động, Thư ký
          sửa chỉ tiêu tại trang Hình thức khen thưởng và chỉ tiêu, nêu lý do hoặc văn bản làm căn cứ.
        </Typography.Paragraph>
        <MovementQuotaFields awardTypes={awardTypes} />
      </CommandForm>
    </section>
  );
};

/** The cluster's members in a year: the last definition applying from that year or before. */
const membersIn = (c: Cluster, year: number) =>
  c.versions.filter((v) => v.fromYear <= year).at(-1)?.members ?? [];

const memberKey = (m: Cluster['versions'][number]['members'][number]) =>
  m.kind === 'commune' ? `commune:${m.communeCode}` : `${m.kind}:${m.id}`;

const Clusters = ({
  programme,
  provinceCode,
  secretary,
}: {
  programme: EmulationProgramme;
  provinceCode: string;
  secretary: boolean;
}) => {
  const [year, setYear] = useState(THIS_YEAR);
  const rankings = useQuery({
    queryKey: ['emulation', provinceCode, 'rankings', year],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/rankings', {
          params: { path: { provinceCode }, query: { year, ...readAfterWrite() } },
        }),
      ) as Promise<ClusterScores[]>,
  });
  const clusters = Object.values(programme.clusters);
  return (
    <Card title={<h2 className="card-title">Cụm, khối thi đua: chấm điểm và xếp hạng</h2>}>
      <Space align="center" style={{ marginBottom: 16 }}>
        <label htmlFor="ranking-year">Năm</label>
        <InputNumber id="ranking-year" min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </Space>
      {clusters.length === 0 && <Typography.Paragraph>Chưa lập cụm, khối thi đua nào.</Typography.Paragraph>}
      {clusters.map((c) => {
        const scores = rankings.data?.find((s) => s.clusterId === c.id);
        const members = membersIn(c, year);
        return (
          <section key={c.id} aria-label={c.name} style={{ marginBottom: 24 }}>
            <h3>
              {c.name} <Tag>{c.kind === 'cum' ? 'Cụm' : 'Khối'}</Tag>
            </h3>
            {scores ? (
              <Table
                rowKey="memberKey"
                size="small"
                pagination={false}
                scroll={{ x: true }}
                caption={`Xếp hạng năm ${year} (chấm ngày ${formatDate(scores.reviewedOn)})`}
                dataSource={scores.ranking}
                columns={[
                  { title: 'Hạng', dataIndex: 'rank' },
                  {
                    title: 'Đơn vị',
                    key: 'name',
                    render: (_, r) => (
                      <>
                        {r.name} {r.memberKey === scores.leader && <Tag color="red">Dẫn đầu</Tag>}
                      </>
                    ),
                  },
                  { title: 'Điểm', dataIndex: 'score' },
                  {
                    title: 'Số liệu kèm theo',
                    key: 'figures',
                    render: (_, r) =>
                      r.figures
                        ? [
                            r.figures.holdings.length
                              ? `Đang giữ chuẩn: ${r.figures.holdings.join(', ')}`
                              : 'Chưa đạt chuẩn',
                            r.figures.satisfactionRate !== null
                              ? `hài lòng ${(r.figures.satisfactionRate * 100).toFixed(1)}%`
                              : null,
                          ]
                            .filter(Boolean)
                            .join('; ')
                        : '—',
                  },
                ]}
              />
            ) : (
              <Typography.Paragraph>
                Thành viên năm {year}: {members.map((m) => m.name).join(', ') || 'chưa có'}. Chưa có kết quả
                chấm điểm năm {year}.
              </Typography.Paragraph>
            )}
            {secretary && members.length > 0 && (
              <ScoreForm provinceCode={provinceCode} cluster={c} year={year} members={members} />
            )}
          </section>
        );
      })}
      {secretary && <DefineCluster provinceCode={provinceCode} />}
    </Card>
  );
};

const ScoreForm = ({
  provinceCode,
  cluster,
  year,
  members,
}: {
  provinceCode: string;
  cluster: Cluster;
  year: number;
  members: ReturnType<typeof membersIn>;
}) => {
  const record = useEmulationCommand(
    (entries: { memberKey: string; score: number }[], header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/clusters/{clusterId}/scores', {
          params: { path: { provinceCode, clusterId: cluster.id }, header },
          body: { year, reviewedOn: dayjs().format('YYYY-MM-DD'), entries },
        }),
      ),
    `Đã ghi kết quả chấm điểm ${cluster.name} năm ${year}`,
  );
  return (
    <Form
      name={`scores-${cluster.id}`}
      layout="inline"
      aria-label={`Chấm điểm ${cluster.name} năm ${year}`}
      onFinish={(v: Record<string, number>) =>
        record.mutate(members.map((m) => ({ memberKey: memberKey(m), score: v[memberKey(m)] })))
      }
    >
      <CommandError error={record.error} />
      {members.map((m) => (
        <Form.Item
          key={memberKey(m)}
          name={memberKey(m)}
          label={`Điểm của ${m.name}`}
          rules={[{ required: true, message: 'Nhập điểm' }]}
        >
          <InputNumber min={0} max={1_000_000} step={0.5} />
        </Form.Item>
      ))}
      <Button htmlType="submit" loading={record.isPending}>
        Ghi điểm năm {year}
      </Button>
    </Form>
  );
};

interface ClusterValues {
  clusterId: string;
  name: string;
  kind: 'cum' | 'khoi';
  fromYear: number;
  communes: string[];
}

const DefineCluster = ({ provinceCode }: { provinceCode: string }) => {
  const [form] = Form.useForm<ClusterValues>();
  const { units, communes } = useCommunes(provinceCode);
  const define = useEmulationCommand(
    (values: ClusterValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/clusters', {
          params: { path: { provinceCode }, header },
          body: {
            clusterId: values.clusterId,
            name: values.name,
            kind: values.kind,
            fromYear: values.fromYear,
            members: values.communes.map((code) => {
              const c = communes.find((x) => x.code === code)!;
              return {
                kind: 'commune' as const,
                provinceCode,
                ...(c.districtCode ? { districtCode: c.districtCode } : {}),
                communeCode: c.code,
                name: c.name,
              };
            }),
          },
        }),
      ),
    'Đã lập cụm, khối thi đua',
    () => form.resetFields(),
  );
  return (
    <section aria-labelledby="define-cluster">
      <h3 id="define-cluster">Lập hoặc điều chỉnh cụm, khối thi đua</h3>
      {units.error && <Alert type="warning" showIcon title={units.error.message} />}
      <CommandForm<ClusterValues>
        name="cluster"
        form={form}
        command={define}
        submitText="Lưu cụm, khối thi đua"
        initialValues={{ kind: 'cum', fromYear: THIS_YEAR, communes: [] }}
      >
        <Space wrap align="start">
          <SlugField name="clusterId" label="Mã cụm, khối" example="cum-thanh-pho-bac-kan" />
          <TextField
            name="name"
            label="Tên cụm, khối"
            message="Nhập tên cụm, khối"
            max={300}
            style={{ minWidth: 320 }}
          />
          <Choice
            name="kind"
            label="Loại"
            options={[
              { value: 'cum', label: 'Cụm' },
              { value: 'khoi', label: 'Khối' },
            ]}
          />
          <YearField name="fromYear" label="Áp dụng từ năm" />
        </Space>
        <Required name="communes" label="Các xã thành viên" message="Chọn ít nhất một xã">
          <Select
            mode="multiple"
            loading={units.isLoading}
            optionFilterProp="label"
            options={communes.map((c) => ({ value: c.code, label: c.name }))}
            aria-label="Các xã thành viên"
          />
        </Required>
      </CommandForm>
    </section>
  );
};

const AwardTypes = ({ programme }: { programme: EmulationProgramme }) => (
  <Card
    title={<h2 className="card-title">Hình thức khen thưởng đang áp dụng</h2>}
    extra={
      <Space wrap>
        <Link to="/thi-dua/hinh-thuc-khen-thuong">Hình thức khen thưởng và chỉ tiêu</Link>
        <Link to="/thi-dua/khen-thuong-da-co">Khen thưởng đã có trước</Link>
        <Link to="/thi-dua/quyet-dinh">Quyết định khen thưởng</Link>
      </Space>
    }
  >
    <Table<AwardType>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: true }}
      dataSource={programme.awardTypes}
      {...stackOnPhone<AwardType>([
        { title: 'Hình thức', dataIndex: 'name' },
        {
          title: 'Thẩm quyền quyết định',
          key: 'authority',
          render: (_, t) => t.decision.authority,
        },
        {
          title: 'Biểu quyết',
          key: 'ballot',
          render: (_, t) =>
            `${t.review.ballot === 'secret' ? 'Bỏ phiếu kín' : 'Biểu quyết công khai'}; có mặt ${t.review.quorum.num}/${t.review.quorum.den}, tán thành ${t.review.approval.strict ? 'trên' : 'từ'} ${t.review.approval.num}/${t.review.approval.den} ${t.review.approvalBase === 'members' ? 'tổng số thành viên' : 'số có mặt'}`,
        },
      ])}
    />
  </Card>
);
