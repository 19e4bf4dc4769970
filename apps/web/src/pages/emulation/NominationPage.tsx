import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Table,
} from 'antd';
import { api, unwrap } from '../../api/client';
import type { AwardType, EmulationProgramme, Evidence, Nomination } from '../../api/types';
import { DownloadLink } from '../../components/Download';
import { EvidenceUpload, type UploadedDocument } from '../../components/Evidence';
import { SendButton } from '../../components/uploads';
import { stackOnPhone } from '../../components/stack-on-phone';
import { CommandError } from '../dossier/command';
import { formatDate, levelLabels } from '../../labels';
import {
  DateField,
  DossierLink,
  EligibilityChecks,
  isSecretary,
  NominationStatus,
  PageTitle,
  readAfterWrite,
  Required,
  TextField,
  useEmulationCommand,
  useProgramme,
  useProvince,
} from './shared';
import { measure, ruleText, type Figures } from './review-rule';

type Review = Nomination['reviews'][number];
type Ballot = Review['votes'][number]['ballot'];
/** A member's vote as the review lists it: present or in writing, and the ballot if cast. */
interface VoteRow {
  id: string;
  name: string;
  how: string;
  vote?: { ballot: Ballot };
}
const BALLOTS: readonly Ballot[] = ['for', 'against', 'abstain'];
const ballotLabels: Record<Ballot, string> = {
  for: 'Tán thành',
  against: 'Không tán thành',
  abstain: 'Không biểu quyết',
};

/** One fact of the record a nomination rests on; a recognition links to its dossier. */
const EvidenceLine = ({ e }: { e: Evidence }) => {
  switch (e.kind) {
    case 'recognition':
      return (
        <>
          Công nhận đạt chuẩn {levelLabels[e.level]}:{' '}
          <DossierLink dossierId={e.dossierId}>
            Quyết định số {e.decisionNumber} ngày {formatDate(e.decidedOn)}
          </DossierLink>
        </>
      );
    case 'acknowledgement':
      return (
        <>
          Tỉnh thừa nhận mức đạt chuẩn {levelLabels[e.level]} sau sắp xếp đơn vị hành chính: văn bản số{' '}
          {e.decisionNumber} ngày {formatDate(e.decidedOn)}
        </>
      );
    case 'survey':
      return (
        <>
          Lấy ý kiến người dân: hài lòng {(e.satisfactionRate * 100).toFixed(1)}%, tham gia{' '}
          {(e.participationRate * 100).toFixed(1)}% (<DossierLink dossierId={e.dossierId}>hồ sơ</DossierLink>)
        </>
      );
    case 'cluster-rank':
      return (
        <>
          {e.clusterName} năm {e.year}: hạng {e.rank}, {e.score} điểm
        </>
      );
    case 'award':
      return (
        <>
          Khen thưởng năm {e.year}, quyết định số {e.decisionNumber}
        </>
      );
  }
};

/**
 * A nomination: the record it rests on, the secretary's return with reasons and the proposer's supplement, the
 * board's review (members present, each vote, the tally computed by the rule), the decision and its PDF.
 */
export default function NominationPage() {
  const { id = '' } = useParams();
  const { provinceCode, role, userId } = useProvince();
  const programme = useProgramme(provinceCode);
  const nomination = useQuery({
    queryKey: ['emulation', provinceCode, 'nomination', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/nominations/{id}', {
          params: { path: { id }, query: readAfterWrite() },
        }),
      ),
  });
  const n = nomination.data;
  if (nomination.error) return <Alert type="error" showIcon title={nomination.error.message} />;
  if (!n) return null;
  const review = n.reviews.at(-1);
  const secretary = isSecretary(programme.data, role, userId);
  const proposer = n.awardType.proposers.includes(role);
  const mayEscalate = n.status === 'approved' && secretary;
  const mayWithdraw = ['submitted', 'returned', 'approved'].includes(n.status) && (secretary || proposer);
  const awardTypeName = (awardTypeId: string) =>
    programme.data?.awardTypes.find((t) => t.id === awardTypeId)?.name ?? awardTypeId;
  return (
    <>
      <Link to={`/thi-dua/phong-trao/${n.movement.id}`}>← {n.movement.name}</Link>
      <PageTitle>
        Đề nghị {n.awardType.name}: {n.nominee.name}
      </PageTitle>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 className="card-title">Thông tin đề nghị</h2>}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="Trạng thái">
              <NominationStatus status={n.status} />
            </Descriptions.Item>
            {n.nominee.kind === 'individual' && n.nominee.position && (
              <Descriptions.Item label="Chức vụ">{n.nominee.position}</Descriptions.Item>
            )}
            {n.nominee.kind === 'individual' && n.nominee.unit && (
              <Descriptions.Item label="Đơn vị công tác">{n.nominee.unit}</Descriptions.Item>
            )}
            <Descriptions.Item label="Năm xét">{n.year}</Descriptions.Item>
            <Descriptions.Item label="Thành tích">{n.achievement.text}</Descriptions.Item>
            <Descriptions.Item label="Thời kỳ đạt thành tích">{n.achievement.period}</Descriptions.Item>
            <Descriptions.Item label="Người đề nghị">
              {n.proposedBy.name ?? n.proposedBy.id}, ngày {formatDate(n.submittedAt)}
            </Descriptions.Item>
            {n.escalations.map((e) => (
              <Descriptions.Item key={e.at} label={`Đề nghị cấp cao hơn ngày ${formatDate(e.at)}`}>
                Từ {awardTypeName(e.from)} lên {awardTypeName(e.to)}. Lý do: {e.reason}
              </Descriptions.Item>
            ))}
            {n.withdrawal && (
              <Descriptions.Item label={`Rút đề nghị ngày ${formatDate(n.withdrawal.at)}`}>
                Lý do: {n.withdrawal.reason}
              </Descriptions.Item>
            )}
            {n.award && (
              <Descriptions.Item label="Quyết định khen thưởng">
                Số {n.award.decisionNumber} ngày {formatDate(n.award.decidedOn)} ·{' '}
                <DownloadLink
                  url={`/api/v1/emulation/provinces/${n.provinceCode}/decisions/${n.award.decisionId}/pdf`}
                  fileName="quyet-dinh-khen-thuong.pdf"
                >
                  Tải quyết định (PDF)
                </DownloadLink>
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card title={<h2 className="card-title">Căn cứ xét: điều kiện và hồ sơ</h2>}>
          <EligibilityChecks checks={n.eligibility.checks} />
          <h3>Minh chứng từ hồ sơ</h3>
          {n.evidence.length === 0 ? (
            <p>Không có minh chứng nào từ hồ sơ.</p>
          ) : (
            <ul>
              {n.evidence.map((e, i) => (
                <li key={i}>
                  <EvidenceLine e={e} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        {n.returns.length > 0 && (
          <Card title={<h2 className="card-title">Trả lại để bổ sung</h2>}>
            {n.returns.map((r, i) => (
              <Alert
                key={i}
                type={n.status === 'returned' && i === n.returns.length - 1 ? 'warning' : 'info'}
                showIcon
                style={{ marginBottom: 8 }}
                title={`Trả lại ngày ${formatDate(r.returnedAt)}`}
                description={
                  <ul style={{ margin: 0 }}>
                    {r.reasons.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                }
              />
            ))}
          </Card>
        )}
        {n.status === 'submitted' && secretary && programme.data && (
          <Card title={<h2 className="card-title">Thư ký Hội đồng</h2>}>
            <ReturnForm id={id} />
            <OpenReviewForm id={id} programme={programme.data} />
          </Card>
        )}
        {n.status === 'returned' && proposer && <SupplementForm id={id} />}
        {review && (
          <ReviewCard
            id={id}
            review={review}
            userId={userId}
            secretary={secretary}
            // After an escalation, the last review was of the award the nomination asked for before.
            reviewedFor={review.awardTypeId === n.awardType.id ? null : awardTypeName(review.awardTypeId)}
          />
        )}
        {n.status === 'approved' && role === n.awardType.decision.role && <DecisionForm n={n} />}
        {(mayEscalate || mayWithdraw) && (
          <Card title={<h2 className="card-title">Đề nghị cấp cao hơn, rút đề nghị</h2>}>
            <Space direction="vertical" size="large" style={{ width: '100%' }}>
              {mayEscalate && <EscalationForm n={n} awardTypes={programme.data?.awardTypes ?? []} />}
              {mayWithdraw && <WithdrawalForm id={id} />}
            </Space>
          </Card>
        )}
      </Space>
    </>
  );
}

const ReturnForm = ({ id }: { id: string }) => {
  const send = useEmulationCommand(
    (v: { reasons: string }, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/return', {
          params: { path: { id }, header },
          body: {
            reasons: v.reasons
              .split('\n')
              .map((r) => r.trim())
              .filter(Boolean),
          },
        }),
      ),
    'Đã trả lại đề nghị để bổ sung',
  );
  return (
    <section aria-labelledby="return-title">
      <h3 id="return-title">Trả lại để bổ sung minh chứng</h3>
      <CommandError error={send.error} />
      <Form name="return" layout="vertical" onFinish={(v: { reasons: string }) => send.mutate(v)}>
        <TextField
          name="reasons"
          label="Lý do trả lại (mỗi lý do một dòng)"
          message="Nhập ít nhất một lý do"
          max={2000}
          rows={3}
        />
        <Button htmlType="submit" danger loading={send.isPending}>
          Trả lại đề nghị
        </Button>
      </Form>
    </section>
  );
};

const OpenReviewForm = ({ id, programme }: { id: string; programme: EmulationProgramme }) => {
  const members = programme.board?.members ?? [];
  const open = useEmulationCommand(
    (v: { present: string[]; meetingOn: Dayjs }, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/review', {
          params: { path: { id }, header },
          body: { present: v.present, meetingOn: v.meetingOn.format('YYYY-MM-DD') },
        }),
      ),
    'Đã mở phiên xét của Hội đồng',
  );
  return (
    <section aria-labelledby="review-title" style={{ marginTop: 24 }}>
      <h3 id="review-title">Mở phiên xét: điểm danh thành viên có mặt</h3>
      <CommandError error={open.error} />
      <Form
        name="review"
        layout="vertical"
        initialValues={{ present: members.map((m) => m.id), meetingOn: dayjs() }}
        onFinish={(v: { present: string[]; meetingOn: Dayjs }) => open.mutate(v)}
      >
        <Form.Item name="present" label="Thành viên có mặt">
          <Checkbox.Group options={members.map((m) => ({ value: m.id, label: m.name }))} />
        </Form.Item>
        <DateField name="meetingOn" label="Ngày họp" />
        <Button type="primary" htmlType="submit" loading={open.isPending}>
          Mở phiên xét
        </Button>
      </Form>
    </section>
  );
};

const SupplementForm = ({ id }: { id: string }) => {
  const send = useEmulationCommand(
    (v: { note: string; documents?: UploadedDocument[] }, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/supplement', {
          params: { path: { id }, header },
          body: { note: v.note, documents: (v.documents ?? []).map((d) => d.sha256) },
        }),
      ),
    'Đã bổ sung đề nghị; điều kiện được kiểm tra lại',
  );
  return (
    <Card title={<h2 className="card-title">Bổ sung đề nghị</h2>}>
      <CommandError error={send.error} />
      <Form
        name="supplement"
        layout="vertical"
        onFinish={(v: { note: string; documents?: UploadedDocument[] }) => send.mutate(v)}
      >
        <Form.Item name="documents" label="Tài liệu bổ sung">
          <EvidenceUpload label="Tài liệu bổ sung" />
        </Form.Item>
        <TextField name="note" label="Nội dung bổ sung" message="Nhập nội dung bổ sung" max={2000} rows={3} />
        <SendButton type="primary" htmlType="submit" loading={send.isPending}>
          Gửi bổ sung
        </SendButton>
      </Form>
    </Card>
  );
};

/** The figures of a review: the conclusion's, the secret ballot's count, or the open votes as they stand; null
 * while a secret ballot is not counted. */
const figuresOf = (r: Review): (Figures & { notVoting: number }) | null => {
  if (r.conclusion)
    return { ...r.conclusion.result.counts, written: r.conclusion.result.counts.written ?? 0 };
  const members = r.members.length;
  const present = r.present.length;
  if (r.rule.ballot === 'secret') {
    if (!r.count) return null;
    const written = r.count.writtenFrom.length;
    const cast = r.count.for + r.count.against + r.count.abstain;
    const { for: yes, against, abstain } = r.count;
    return { members, present, written, for: yes, against, abstain, notVoting: present + written - cast };
  }
  const written = r.writtenVotes ?? [];
  const all = [...r.votes, ...written];
  const count = (b: Ballot) => all.filter((v) => v.ballot === b).length;
  return {
    members,
    present,
    written: written.length,
    for: count('for'),
    against: count('against'),
    abstain: count('abstain'),
    notVoting: present - r.votes.length,
  };
};

const ReviewCard = ({
  id,
  review,
  userId,
  secretary,
  reviewedFor,
}: {
  id: string;
  review: Review;
  userId: string;
  secretary: boolean;
  reviewedFor: string | null;
}) => {
  const vote = useEmulationCommand(
    (ballot: Ballot, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/review/votes', {
          params: { path: { id }, header },
          body: { ballot },
        }),
      ),
    'Đã ghi biểu quyết của anh/chị',
  );
  const conclude = useEmulationCommand(
    (_: void, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/review/conclusion', {
          params: { path: { id }, header },
          body: {},
        }),
      ),
    'Đã kết luận phiên xét',
  );
  const rule = review.rule;
  const secret = rule.ballot === 'secret';
  const figures = figuresOf(review);
  const open = !review.conclusion;
  const mayVote =
    open && !secret && review.present.includes(userId) && !review.votes.some((v) => v.memberId === userId);
  const nameOf = (memberId: string) => review.members.find((m) => m.id === memberId)?.name ?? memberId;
  const written = review.writtenVotes ?? [];
  const absent = review.members.filter((m) => !review.present.includes(m.id));
  const provisional = open && figures ? measure(figures, rule) : null;
  return (
    <Card
      title={
        <h2 className="card-title">
          Phiên xét lần {review.round} ngày {formatDate(review.meetingOn)}
          {reviewedFor && ` (xét ${reviewedFor})`}
        </h2>
      }
    >
      <p>Quy định: {ruleText(rule)}.</p>
      {!secret && (
        // On a phone each member a block, the name on a line of its own (index.css, .stack-on-phone).
        <Table<VoteRow>
          rowKey="id"
          size="small"
          pagination={false}
          caption="Biểu quyết của thành viên"
          dataSource={[
            ...review.present.map((m) => ({
              id: m,
              name: nameOf(m),
              how: 'Có mặt',
              vote: review.votes.find((v) => v.memberId === m),
            })),
            ...written.map((v) => ({
              id: v.memberId,
              name: v.memberName,
              how: 'Vắng mặt, phiếu bằng văn bản',
              vote: v,
            })),
          ]}
          {...stackOnPhone<VoteRow>([
            { title: 'Thành viên', dataIndex: 'name' },
            { title: 'Hình thức', dataIndex: 'how' },
            {
              title: 'Biểu quyết',
              key: 'vote',
              render: (_, r) => (r.vote ? ballotLabels[r.vote.ballot] : 'Chưa biểu quyết'),
            },
          ])}
        />
      )}
      {secret && review.count && review.count.writtenFrom.length > 0 && (
        <p>Phiếu bằng văn bản trong hòm phiếu của: {review.count.writtenFrom.map(nameOf).join(', ')}.</p>
      )}
      <section aria-label="Kết quả kiểm phiếu" style={{ marginTop: 16 }}>
        <h3>{open ? 'Số phiếu đến lúc này' : 'Kết quả'}</h3>
        {figures ? (
          // On a phone one figure a row, its count beside its name (index.css, .figures-side-by-side).
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered className="figures-side-by-side">
            <Descriptions.Item label="Tổng số thành viên">{figures.members}</Descriptions.Item>
            <Descriptions.Item label="Có mặt">{figures.present}</Descriptions.Item>
            {rule.writtenVotes && (
              <Descriptions.Item label="Phiếu bằng văn bản">{figures.written}</Descriptions.Item>
            )}
            <Descriptions.Item label="Tán thành">{figures.for}</Descriptions.Item>
            <Descriptions.Item label="Không tán thành">{figures.against}</Descriptions.Item>
            <Descriptions.Item label="Không biểu quyết">{figures.abstain}</Descriptions.Item>
            <Descriptions.Item label={secret ? 'Không bỏ phiếu, phiếu không hợp lệ' : 'Chưa biểu quyết'}>
              {figures.notVoting}
            </Descriptions.Item>
          </Descriptions>
        ) : (
          <Alert
            type="info"
            showIcon
            title="Bỏ phiếu kín: thành viên bỏ phiếu vào hòm phiếu; Thư ký Hội đồng ghi kết quả kiểm phiếu của Ban kiểm phiếu."
          />
        )}
        {provisional && (
          <Alert
            style={{ marginTop: 12 }}
            type={provisional.met ? 'success' : 'warning'}
            showIcon
            title={`Theo quy định: ${provisional.text}`}
            description="Tạm tính; kết quả chính thức khi Thư ký Hội đồng kết luận phiên xét."
          />
        )}
        {review.conclusion && (
          <Alert
            style={{ marginTop: 12 }}
            type={review.conclusion.result.outcome === 'approved' ? 'success' : 'warning'}
            showIcon
            title={review.conclusion.result.explanation}
          />
        )}
      </section>
      <CommandError error={vote.error ?? conclude.error} />
      {mayVote && (
        <Space style={{ marginTop: 16 }} wrap>
          <span>Biểu quyết của anh/chị:</span>
          {BALLOTS.map((b) => (
            <Button
              key={b}
              type={b === 'for' ? 'primary' : 'default'}
              loading={vote.isPending}
              onClick={() => vote.mutate(b)}
            >
              {ballotLabels[b]}
            </Button>
          ))}
        </Space>
      )}
      {open && secretary && secret && !review.count && <BallotCountForm id={id} review={review} />}
      {open && secretary && !secret && rule.writtenVotes && (
        <WrittenVoteForm id={id} absent={absent.filter((m) => !written.some((v) => v.memberId === m.id))} />
      )}
      {open && secretary && (!secret || review.count) && (
        <div style={{ marginTop: 16 }}>
          <Button type="primary" loading={conclude.isPending} onClick={() => conclude.mutate()}>
            Kết luận phiên xét
          </Button>
        </div>
      )}
    </Card>
  );
};

interface CountValues {
  for: number;
  against: number;
  abstain: number;
  writtenFrom?: string[];
}

/**
 * Secret ballot: the secretary enters the counting committee's figures; the screen measures them against the rule
 * as they are typed, and refuses more ballots than were given out.
 */
const BallotCountForm = ({ id, review }: { id: string; review: Review }) => {
  const [form] = Form.useForm<CountValues>();
  const values = Form.useWatch([], form) as Partial<CountValues> | undefined;
  const send = useEmulationCommand(
    (v: CountValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/review/ballot-count', {
          params: { path: { id }, header },
          body: { for: v.for, against: v.against, abstain: v.abstain, writtenFrom: v.writtenFrom ?? [] },
        }),
      ),
    'Đã ghi kết quả kiểm phiếu',
  );
  const absent = review.members.filter((m) => !review.present.includes(m.id));
  const written = values?.writtenFrom?.length ?? 0;
  const given = review.present.length + written;
  const figures: Figures = {
    members: review.members.length,
    present: review.present.length,
    written,
    for: values?.for ?? 0,
    against: values?.against ?? 0,
    abstain: values?.abstain ?? 0,
  };
  const cast = figures.for + figures.against + figures.abstain;
  const check = measure(figures, review.rule);
  const count = (name: keyof Omit<CountValues, 'writtenFrom'>, label: string) => (
    <Required name={name} label={label} message={`Nhập ${label.toLowerCase()}`}>
      <InputNumber min={0} max={given} precision={0} />
    </Required>
  );
  return (
    <section aria-labelledby="count-title" style={{ marginTop: 24 }}>
      <h3 id="count-title">Ghi kết quả kiểm phiếu kín</h3>
      <p>
        Thành viên có mặt: {review.present.length}/{review.members.length} (điểm danh khi mở phiên xét). Chỉ
        ghi số phiếu, không ghi ai bỏ phiếu gì.
      </p>
      <CommandError error={send.error} />
      <Form<CountValues>
        form={form}
        name="ballot-count"
        layout="vertical"
        initialValues={{ for: 0, against: 0, abstain: 0, writtenFrom: [] }}
        onFinish={(v) => send.mutate(v)}
      >
        {review.rule.writtenVotes && absent.length > 0 && (
          <Form.Item name="writtenFrom" label="Thành viên vắng mặt có phiếu bằng văn bản trong hòm phiếu">
            <Checkbox.Group options={absent.map((m) => ({ value: m.id, label: m.name }))} />
          </Form.Item>
        )}
        <Space wrap align="start">
          {count('for', 'Số phiếu tán thành')}
          {count('against', 'Số phiếu không tán thành')}
          {count('abstain', 'Số phiếu không biểu quyết')}
        </Space>
        {cast > given ? (
          <Alert
            type="error"
            showIcon
            title={`Tổng số phiếu (${cast}) vượt số phiếu phát ra (${given})`}
            style={{ marginBottom: 12 }}
          />
        ) : (
          <Alert
            type={check.met ? 'success' : 'warning'}
            showIcon
            title={`Với số phiếu này: ${check.text}`}
            style={{ marginBottom: 12 }}
          />
        )}
        <Button type="primary" htmlType="submit" disabled={cast > given} loading={send.isPending}>
          Ghi kết quả kiểm phiếu
        </Button>
      </Form>
    </section>
  );
};

interface WrittenVoteValues {
  memberId: string;
  ballot: Ballot;
  documents?: UploadedDocument[];
}

/** Open ballot whose rule takes them: the secretary records an absent member's signed written vote. */
const WrittenVoteForm = ({ id, absent }: { id: string; absent: readonly { id: string; name: string }[] }) => {
  const send = useEmulationCommand(
    (v: WrittenVoteValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/review/written-votes', {
          params: { path: { id }, header },
          body: {
            memberId: v.memberId,
            ballot: v.ballot,
            documents: (v.documents ?? []).map((d) => d.sha256),
          },
        }),
      ),
    'Đã ghi phiếu biểu quyết bằng văn bản',
  );
  if (absent.length === 0) return null;
  return (
    <section aria-labelledby="written-title" style={{ marginTop: 24 }}>
      <h3 id="written-title">Phiếu biểu quyết bằng văn bản của thành viên vắng mặt</h3>
      <CommandError error={send.error} />
      <Form<WrittenVoteValues> name="written-vote" layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Required name="memberId" label="Thành viên vắng mặt" message="Chọn thành viên gửi phiếu">
          <Radio.Group options={absent.map((m) => ({ value: m.id, label: m.name }))} />
        </Required>
        <Required name="ballot" label="Nội dung phiếu" message="Chọn nội dung phiếu">
          <Radio.Group options={BALLOTS.map((b) => ({ value: b, label: ballotLabels[b] }))} />
        </Required>
        <Required
          name="documents"
          label="Bản chụp phiếu có chữ ký"
          message="Tải lên bản chụp phiếu có chữ ký"
        >
          <EvidenceUpload label="Bản chụp phiếu có chữ ký" />
        </Required>
        <SendButton htmlType="submit" loading={send.isPending}>
          Ghi phiếu bằng văn bản
        </SendButton>
      </Form>
    </section>
  );
};

const levelOrder: readonly AwardType['level'][] = ['commune', 'district', 'province', 'central'];

interface EscalationValues {
  awardTypeId: string;
  reason: string;
}

/** The secretary sends a nomination the board approved up for an award of a higher level, with the reason. */
const EscalationForm = ({ n, awardTypes }: { n: Nomination; awardTypes: readonly AwardType[] }) => {
  const send = useEmulationCommand(
    (v: EscalationValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/escalation', {
          params: { path: { id: n.id }, header },
          body: v,
        }),
      ),
    'Đã đề nghị khen thưởng cấp cao hơn',
  );
  const higher = awardTypes.filter(
    (t) =>
      levelOrder.indexOf(t.level) > levelOrder.indexOf(n.awardType.level) &&
      t.nomineeKinds.includes(n.nominee.kind),
  );
  if (higher.length === 0) return null;
  return (
    <section aria-labelledby="escalation-title">
      <h3 id="escalation-title">Đề nghị khen thưởng cấp cao hơn</h3>
      <CommandError error={send.error} />
      <Form<EscalationValues>
        name="escalation"
        layout="vertical"
        initialValues={{ awardTypeId: higher[0].id }}
        onFinish={(v) => send.mutate(v)}
      >
        <Required name="awardTypeId" label="Hình thức khen thưởng cấp cao hơn" message="Chọn hình thức">
          <Radio.Group options={higher.map((t) => ({ value: t.id, label: t.name }))} />
        </Required>
        <TextField name="reason" label="Lý do đề nghị cấp cao hơn" message="Nhập lý do" max={2000} rows={2} />
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          Đề nghị cấp cao hơn
        </Button>
      </Form>
    </section>
  );
};

/** The proposer or the board's secretary withdraws a nomination not yet in review or decided, with the reason. */
const WithdrawalForm = ({ id }: { id: string }) => {
  const send = useEmulationCommand(
    (v: { reason: string }, header) =>
      unwrap(
        api.POST('/api/v1/emulation/nominations/{id}/withdrawal', {
          params: { path: { id }, header },
          body: v,
        }),
      ),
    'Đã rút đề nghị khen thưởng',
  );
  return (
    <section aria-labelledby="withdrawal-title">
      <h3 id="withdrawal-title">Rút đề nghị</h3>
      <p>Rút đề nghị trả lại thành tích và chỉ tiêu đề nghị đang giữ; đề nghị đã rút không xét tiếp.</p>
      <CommandError error={send.error} />
      <Form name="withdrawal" layout="vertical" onFinish={(v: { reason: string }) => send.mutate(v)}>
        <TextField
          name="reason"
          label="Lý do rút đề nghị"
          message="Nhập lý do rút đề nghị"
          max={2000}
          rows={2}
        />
        <Button danger htmlType="submit" loading={send.isPending}>
          Rút đề nghị
        </Button>
      </Form>
    </section>
  );
};

interface DecisionValues {
  number: string;
  decidedOn: Dayjs;
  signerName?: string;
}

const DecisionForm = ({ n }: { n: Nomination }) => {
  const issue = useEmulationCommand(
    (v: DecisionValues, header) =>
      unwrap(
        api.POST('/api/v1/emulation/provinces/{provinceCode}/decisions', {
          params: { path: { provinceCode: n.provinceCode }, header },
          body: {
            number: v.number,
            decidedOn: v.decidedOn.format('YYYY-MM-DD'),
            awardTypeId: n.awardType.id,
            nominationIds: [n.id],
            ...(v.signerName ? { signerName: v.signerName } : {}),
          },
        }),
      ),
    'Đã ban hành quyết định khen thưởng',
  );
  return (
    <Card title={<h2 className="card-title">Quyết định khen thưởng ({n.awardType.decision.authority})</h2>}>
      <CommandError error={issue.error} />
      {issue.data?.decisionId ? (
        <Alert
          type="success"
          showIcon
          title="Đã ban hành quyết định"
          description={
            <DownloadLink
              url={`/api/v1/emulation/provinces/${n.provinceCode}/decisions/${issue.data.decisionId}/pdf`}
              fileName="quyet-dinh-khen-thuong.pdf"
            >
              Tải quyết định (PDF)
            </DownloadLink>
          }
        />
      ) : (
        <Form<DecisionValues>
          name="decision"
          layout="vertical"
          initialValues={{ decidedOn: dayjs() }}
          onFinish={(v) => issue.mutate(v)}
        >
          <Space wrap align="start">
            <TextField name="number" label="Số quyết định" message="Nhập số quyết định" max={100} />
            <DateField name="decidedOn" label="Ngày ký" />
            <Form.Item name="signerName" label="Người ký">
              <Input maxLength={200} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" loading={issue.isPending}>
            Ban hành quyết định khen thưởng
          </Button>
        </Form>
      )}
    </Card>
  );
};
