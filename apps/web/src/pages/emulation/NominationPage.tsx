import { Link, useParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Space, Table, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import type { EmulationProgramme, Evidence, Nomination } from '../../api/types';
import { DownloadLink } from '../../components/Download';
import { EvidenceUpload, type UploadedDocument } from '../../components/Evidence';
import { CommandError } from '../dossier/command';
import { levelLabels } from '../../labels';
import {
  DateField,
  DossierLink,
  isSecretary,
  NominationStatus,
  PageTitle,
  readAfterWrite,
  TextField,
  useEmulationCommand,
  useProgramme,
  useProvince,
  viDate,
} from './shared';

type Review = Nomination['reviews'][number];
type Ballot = Review['votes'][number]['ballot'];
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
            Quyết định số {e.decisionNumber} ngày {viDate(e.decidedOn)}
          </DossierLink>
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
            <Descriptions.Item label="Năm xét">{n.year}</Descriptions.Item>
            <Descriptions.Item label="Thành tích">
              {n.achievement.text} ({n.achievement.period})
            </Descriptions.Item>
            <Descriptions.Item label="Người đề nghị">
              {n.proposedBy.name ?? n.proposedBy.id}, ngày {viDate(n.submittedAt)}
            </Descriptions.Item>
            {n.award && (
              <Descriptions.Item label="Quyết định khen thưởng">
                Số {n.award.decisionNumber} ngày {viDate(n.award.decidedOn)} ·{' '}
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
          <ul>
            {n.eligibility.checks.map((c) => (
              <li key={c.rule}>
                <Tag color={c.status === 'failed' ? 'red' : 'green'}>
                  {c.status === 'failed' ? 'Chưa đạt' : 'Đạt'}
                </Tag>
                {c.label}: {c.detail}
              </li>
            ))}
          </ul>
          <h3>Minh chứng từ hồ sơ</h3>
          <ul>
            {n.evidence.map((e, i) => (
              <li key={i}>
                <EvidenceLine e={e} />
              </li>
            ))}
          </ul>
        </Card>
        {n.returns.length > 0 && (
          <Card title={<h2 className="card-title">Trả lại để bổ sung</h2>}>
            {n.returns.map((r, i) => (
              <Alert
                key={i}
                type={n.status === 'returned' && i === n.returns.length - 1 ? 'warning' : 'info'}
                showIcon
                style={{ marginBottom: 8 }}
                title={`Trả lại ngày ${viDate(r.returnedAt)}`}
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
        {review && <ReviewCard id={id} review={review} userId={userId} secretary={secretary} />}
        {n.status === 'approved' && role === n.awardType.decision.role && <DecisionForm n={n} />}
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
        <Button type="primary" htmlType="submit" loading={send.isPending}>
          Gửi bổ sung
        </Button>
      </Form>
    </Card>
  );
};

/** The counts of an open ballot as the votes stand (the server computes the same at the conclusion). */
const liveCounts = (r: Review) => {
  const written = r.writtenVotes ?? [];
  const all = [...r.votes, ...written];
  const count = (b: Ballot) => all.filter((v) => v.ballot === b).length;
  return {
    members: r.members.length,
    present: r.present.length,
    for: count('for'),
    against: count('against'),
    abstain: count('abstain'),
    notVoting: r.present.filter((m) => !r.votes.some((v) => v.memberId === m)).length,
  };
};

const ReviewCard = ({
  id,
  review,
  userId,
  secretary,
}: {
  id: string;
  review: Review;
  userId: string;
  secretary: boolean;
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
  const secret = review.rule.ballot === 'secret';
  const counts = review.conclusion?.result.counts ?? liveCounts(review);
  const open = !review.conclusion;
  const mayVote =
    open && !secret && review.present.includes(userId) && !review.votes.some((v) => v.memberId === userId);
  const nameOf = (memberId: string) => review.members.find((m) => m.id === memberId)?.name ?? memberId;
  const rule = review.rule;
  return (
    <Card
      title={
        <h2 className="card-title">
          Phiên xét lần {review.round} ngày {viDate(review.meetingOn)}
        </h2>
      }
    >
      <p>
        Quy định: có mặt {rule.quorum.strict ? 'trên' : 'từ'} {rule.quorum.num}/{rule.quorum.den} tổng số
        thành viên; tán thành {rule.approval.strict ? 'trên' : 'từ'} {rule.approval.num}/{rule.approval.den}{' '}
        {rule.approvalBase === 'members' ? 'tổng số thành viên' : 'số thành viên có mặt'};{' '}
        {secret ? 'bỏ phiếu kín' : 'biểu quyết công khai'}.
      </p>
      {!secret && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          caption="Thành viên có mặt và biểu quyết"
          dataSource={review.present.map((m) => ({
            id: m,
            name: nameOf(m),
            vote: review.votes.find((v) => v.memberId === m),
          }))}
          columns={[
            { title: 'Thành viên', dataIndex: 'name' },
            {
              title: 'Biểu quyết',
              key: 'vote',
              render: (_, r) => (r.vote ? ballotLabels[r.vote.ballot] : 'Chưa biểu quyết'),
            },
          ]}
        />
      )}
      <section aria-label="Kết quả kiểm phiếu" style={{ marginTop: 16 }}>
        <h3>{open ? 'Số phiếu đến lúc này' : 'Kết quả'}</h3>
        <Descriptions size="small" column={3} bordered>
          <Descriptions.Item label="Tổng số thành viên">{counts.members}</Descriptions.Item>
          <Descriptions.Item label="Có mặt">{counts.present}</Descriptions.Item>
          <Descriptions.Item label="Tán thành">{counts.for}</Descriptions.Item>
          <Descriptions.Item label="Không tán thành">{counts.against}</Descriptions.Item>
          <Descriptions.Item label="Không biểu quyết">{counts.abstain}</Descriptions.Item>
          <Descriptions.Item label="Chưa biểu quyết">{counts.notVoting}</Descriptions.Item>
        </Descriptions>
        {review.conclusion && (
          <Alert
            style={{ marginTop: 12 }}
            type={review.conclusion.result.outcome === 'approved' ? 'success' : 'warning'}
            showIcon
            title={review.conclusion.result.explanation}
          />
        )}
      </section>
      {open && secret && (
        <Alert
          style={{ marginTop: 12 }}
          type="info"
          showIcon
          title="Bỏ phiếu kín: Thư ký ghi kết quả kiểm phiếu của Ban kiểm phiếu (chưa có trên màn hình này)."
        />
      )}
      <CommandError error={vote.error ?? conclude.error} />
      {mayVote && (
        <Space style={{ marginTop: 16 }} wrap>
          <span>Biểu quyết của anh/chị:</span>
          {(['for', 'against', 'abstain'] as const).map((b) => (
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
      {open && secretary && (
        <div style={{ marginTop: 16 }}>
          <Button type="primary" loading={conclude.isPending} onClick={() => conclude.mutate()}>
            Kết luận phiên xét
          </Button>
        </div>
      )}
    </Card>
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
