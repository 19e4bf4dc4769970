import { useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import { Button, Card, Descriptions, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import type { DossierView } from '../../api/types';
import { useAuth } from '../../auth';
import { DocumentLink } from '../../components/Evidence';
import { stackOnPhone } from '../../components/stack-on-phone';
import { formatDate, formatDateTime } from '../../labels';
import { CommandButton, CommandError, DecisionFields, PostingForm, useDossierCommand } from './command';
import { DistrictStage } from './DistrictStage';
import { IndicatorValues } from './Indicators';
import { PostingCommentForm, PostingCommentList } from './PostingComments';
import {
  Announcement,
  RevocationAssessment,
  RevocationCases,
  RevocationDecision,
  RevocationProposal,
} from './Recognition';
import {
  assessmentOf,
  criteriaOf,
  CriterionFindingInput,
  indicatorSetOf,
  type DossierTabProps,
} from './shared';

/** Verification (district or province): a finding per criterion, or a return with reasons tied to criteria. */
const Verification = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const criteria = criteriaOf(dossier);
  const byIndicators = !!indicatorSetOf(dossier);
  const last = assessmentOf(dossier);
  const [findings, setFindings] = useState<Record<number, boolean>>(() =>
    Object.fromEntries(
      criteria.map((c) => [c.number, last?.criteria.find((a) => a.criterion === c.number)?.met ?? true]),
    ),
  );
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const failing = criteria.filter((c) => !findings[c.number]);
  const stated = failing.length > 0 && failing.every((c) => (reasons[c.number] ?? '').trim());
  const failingReasons = failing.map((c) => ({
    criterion: c.number,
    text: (reasons[c.number] ?? '').trim(),
  }));
  // 2021-2025 at the district: the verification may also end the dossier as not eligible, reasons stated.
  const mayEnd = !!dossier.procedure.districtStage && dossier.current?.step === 'district-verification';
  return (
    <div>
      <Table
        rowKey="number"
        pagination={false}
        size="small"
        dataSource={criteria}
        {...stackOnPhone<(typeof criteria)[number]>([
          { title: 'Tiêu chí', key: 'c', render: (_, c) => `${c.number}. ${c.name}` },
          {
            title: 'Xã tự đánh giá',
            key: 'self',
            render: (_, c) => {
              const a = last?.criteria.find((x) => x.criterion === c.number);
              return a ? (
                <Space direction="vertical" size={0}>
                  <Tag color={a.met ? 'green' : 'red'}>{a.met ? 'Đạt' : 'Chưa đạt'}</Tag>
                  {a.value && <span>{a.value}</span>}
                  {byIndicators ? (
                    <IndicatorValues dossier={dossier} criterion={c.number} />
                  ) : (
                    a.evidence.map((h) => <DocumentLink key={h} sha256={h} />)
                  )}
                </Space>
              ) : (
                '—'
              );
            },
          },
          {
            title: 'Kết quả thẩm tra',
            key: 'finding',
            render: (_, c) => (
              <CriterionFindingInput
                criterion={c.number}
                label="Kết quả thẩm tra"
                met={findings[c.number]}
                onMet={(met) => setFindings((f) => ({ ...f, [c.number]: met }))}
                why={{
                  label: `Lý do tiêu chí ${c.number} chưa đạt`,
                  placeholder: 'Lý do, yêu cầu bổ sung',
                  value: reasons[c.number] ?? '',
                }}
                onWhy={(text) => setReasons((r) => ({ ...r, [c.number]: text }))}
              />
            ),
          },
        ])}
      />
      <CommandError error={command.error} />
      <Space style={{ marginTop: 16 }} wrap>
        <CommandButton
          type="primary"
          disabled={failing.length > 0}
          command={command}
          request={{
            path: '/api/v1/dossiers/{id}/verification',
            body: { findings: criteria.map((c) => ({ criterion: c.number, met: true })) },
            success: 'Đã ghi kết quả thẩm tra: đạt',
          }}
        >
          Thẩm tra đạt, chuyển bước tiếp theo
        </CommandButton>
        <CommandButton
          danger
          disabled={!stated}
          command={command}
          request={{
            path: '/api/v1/dossiers/{id}/return',
            body: { reasons: failingReasons },
            success: 'Đã trả hồ sơ để xã bổ sung',
          }}
        >
          Trả hồ sơ để bổ sung
        </CommandButton>
        {mayEnd && (
          <CommandButton
            danger
            disabled={!stated}
            command={command}
            request={{
              path: '/api/v1/dossiers/{id}/district/not-eligible',
              body: { reasons: failingReasons },
              success: 'Đã kết luận hồ sơ không đủ điều kiện',
            }}
          >
            Kết luận không đủ điều kiện
          </CommandButton>
        )}
      </Space>
    </div>
  );
};

/** A council member's two ballots. */
const BALLOTS = [
  { vote: 'approve', label: 'Bỏ phiếu đồng ý công nhận', success: 'Đã bỏ phiếu đồng ý' },
  { vote: 'reject', label: 'Bỏ phiếu không đồng ý', success: 'Đã bỏ phiếu không đồng ý' },
] as const;

/**
 * The appraisal: posting on the portal with the comments received on it, members' votes (each once), the
 * conclusion from the tally.
 */
const Appraisal = ({ dossier, role }: { dossier: DossierView; role: string }) => {
  const { user } = useAuth();
  const command = useDossierCommand(dossier.id, dossier.version);
  const round = dossier.rounds.at(-1);
  const votes = round?.appraisal.votes ?? [];
  const mine = votes.find((v) => v.memberId === user?.id);
  const approve = votes.filter((v) => v.vote === 'approve').length;
  const [typedMembers, setMembers] = useState<number | null>(null);
  // Until typed, as many members as have voted; never below the field's minimum (antd marks that value invalid).
  const members = typedMembers ?? Math.max(votes.length, 1);
  const posting = round?.appraisal.posting;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <CommandError error={command.error} />
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="Đăng tải báo cáo thẩm định">
          {posting
            ? // The whole window and the portal's address, as the commune's and the district's postings are summarised.
              `Từ ngày ${formatDate(posting.from)} đến hết ngày ${formatDate(posting.until)} trên Cổng thông tin điện tử tỉnh` +
              (posting.url ? ` (${posting.url}); ` : ' (chưa ghi địa chỉ trang đăng tải); ') +
              (posting.closedAt ? `đã kết thúc ngày ${formatDate(posting.closedAt)}` : 'đang đăng tải') +
              `; ${posting.comments.length} ý kiến góp ý`
            : 'Chưa đăng tải'}
        </Descriptions.Item>
        <Descriptions.Item label="Phiếu đã bỏ">
          {votes.length} phiếu: {approve} đồng ý, {votes.length - approve} không đồng ý
        </Descriptions.Item>
      </Descriptions>
      {role === 'province_officer' && !posting && (
        <PostingForm<{ url?: string }>
          layout="inline"
          command={command}
          path="/api/v1/dossiers/{id}/appraisal/posting"
          success="Đã ghi nhận đăng tải báo cáo thẩm định"
          fromLabel="Đăng tải từ ngày"
          submitLabel="Ghi nhận đã đăng tải báo cáo thẩm định"
          body={(v) => (v.url ? { url: v.url } : {})}
        >
          <Form.Item name="url" label="Địa chỉ trang đăng tải">
            <Input placeholder="https://backan.gov.vn/..." maxLength={2000} />
          </Form.Item>
        </PostingForm>
      )}
      {posting && <PostingCommentList comments={posting.comments} />}
      {role === 'province_officer' && posting && !posting.closedAt && (
        <PostingCommentForm
          command={command}
          posting={posting}
          close={{
            path: '/api/v1/dossiers/{id}/appraisal/posting/close',
            success: 'Đã kết thúc đăng tải',
            label: 'Kết thúc đăng tải',
          }}
        />
      )}
      {role === 'council_member' &&
        (mine ? (
          <Typography.Text>
            Anh/chị đã bỏ phiếu: <strong>{mine.vote === 'approve' ? 'Đồng ý' : 'Không đồng ý'}</strong>.
          </Typography.Text>
        ) : (
          <Space wrap>
            {BALLOTS.map((b) => (
              <CommandButton
                key={b.vote}
                type={b.vote === 'approve' ? 'primary' : undefined}
                danger={b.vote === 'reject'}
                command={command}
                request={{
                  path: '/api/v1/dossiers/{id}/appraisal/votes',
                  body: { vote: b.vote },
                  orderFree: true,
                  success: b.success,
                }}
              >
                {b.label}
              </CommandButton>
            ))}
          </Space>
        ))}
      {role === 'province_officer' && posting?.closedAt && (
        <Space wrap align="end">
          <label htmlFor="members">Số thành viên Hội đồng</label>
          <InputNumber id="members" min={votes.length || 1} value={members} onChange={(v) => setMembers(v)} />
          <CommandButton
            type="primary"
            disabled={votes.length === 0}
            command={command}
            request={{
              path: '/api/v1/dossiers/{id}/appraisal/conclusion',
              body: {
                counts: {
                  members,
                  present: votes.length,
                  for: approve,
                  against: votes.length - approve,
                },
              },
              success: 'Đã ghi kết luận thẩm định',
            }}
          >
            Kết luận thẩm định theo kết quả bỏ phiếu
          </CommandButton>
        </Space>
      )}
    </Space>
  );
};

/** The chairman's decision: recognise or refuse, with the decision number and date. */
const Decision = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const failed = dossier.summary.failedConditions ?? [];
  return (
    <div>
      {failed.length > 0 && (
        <Typography.Paragraph type="danger">
          Điều kiện chưa đáp ứng: {failed.map((f) => f.message).join('; ')}
        </Typography.Paragraph>
      )}
      <CommandError error={command.error} />
      <Form
        layout="vertical"
        initialValues={{ decidedOn: dayjs() }}
        onFinish={(v: {
          decisionNumber: string;
          decidedOn: dayjs.Dayjs;
          refuse?: boolean;
          reasons?: string;
        }) =>
          v.refuse
            ? command.mutate({
                path: '/api/v1/dossiers/{id}/refusal',
                body: {
                  decisionNumber: v.decisionNumber || undefined,
                  decidedOn: v.decidedOn.format('YYYY-MM-DD'),
                  reasons: v.reasons ? [v.reasons] : [],
                },
                success: 'Đã quyết định không công nhận',
              })
            : command.mutate({
                path: '/api/v1/dossiers/{id}/decision',
                body: { decisionNumber: v.decisionNumber, decidedOn: v.decidedOn.format('YYYY-MM-DD') },
                success: 'Đã quyết định công nhận',
              })
        }
      >
        <DecisionFields />
        <Form.Item name="reasons" label="Lý do (khi không công nhận)">
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {(form) => (
            <Space wrap>
              <Button
                type="primary"
                htmlType="submit"
                loading={command.isPending}
                onClick={() => form.setFieldValue('refuse', false)}
              >
                Quyết định công nhận
              </Button>
              <Button
                danger
                loading={command.isPending}
                onClick={() => {
                  form.setFieldValue('refuse', true);
                  form.submit();
                }}
              >
                Quyết định không công nhận
              </Button>
            </Space>
          )}
        </Form.Item>
        <Form.Item name="refuse" hidden>
          <Input />
        </Form.Item>
      </Form>
    </div>
  );
};

/** What the signed-in reviewer does on each step of this tab (the commune's steps are on the preparation tab). */
const STEP_WORK: Record<string, (dossier: DossierView, role: string) => ReactNode> = {
  'district-verification': (d) => (
    <>
      <DistrictStage dossier={d} />
      <Verification dossier={d} />
    </>
  ),
  'provincial-verification': (d) => <Verification dossier={d} />,
  'provincial-appraisal': (d, role) => <Appraisal dossier={d} role={role} />,
  decision: (d) => <Decision dossier={d} />,
  announcement: (d) => <Announcement dossier={d} />,
  'revocation-assessment': (d) => <RevocationAssessment dossier={d} />,
  'revocation-decision': (d) => <RevocationDecision dossier={d} />,
};

/** What the signed-in reviewer may do on the dossier's current step, and the recognition's revocation. */
export const Review = ({ dossier, role, readOnly }: DossierTabProps) => {
  const step = dossier.current?.step;
  const { steps, supplementation, revocationSteps, roles } = dossier.procedure;
  const def = [...steps, supplementation, ...revocationSteps].find((s) => s.id === step);
  const mine = def ? Object.values(def.actions).includes(role as never) : false;
  const work = step ? STEP_WORK[step] : undefined;
  const revocable = dossier.status === 'recognised' && !dossier.current && role === roles.proposeRevocation;
  const round = dossier.rounds.at(-1);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title="Hồ sơ đã nộp">
        {round ? (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="Lần nộp">{round.number}</Descriptions.Item>
            <Descriptions.Item label="Ngày nộp">{formatDateTime(round.submittedAt)}</Descriptions.Item>
            {round.changes && <Descriptions.Item label="Nội dung bổ sung">{round.changes}</Descriptions.Item>}
            <Descriptions.Item label="Tài liệu">
              {round.evidence.length ? round.evidence.map((h) => <DocumentLink key={h} sha256={h} />) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="Các lần nộp">{dossier.rounds.length}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text>Xã chưa nộp hồ sơ.</Typography.Text>
        )}
      </Card>
      {dossier.revocations.length > 0 && (
        <Card title="Xét thu hồi quyết định công nhận">
          <RevocationCases dossier={dossier} />
        </Card>
      )}
      {!readOnly && mine && (
        <Card title="Việc của anh/chị ở bước này">
          {work ? (
            work(dossier, role)
          ) : (
            <Typography.Text>Bước này thực hiện trên màn hình chuẩn bị hồ sơ.</Typography.Text>
          )}
        </Card>
      )}
      {!readOnly && revocable && (
        <Card title="Đề nghị thu hồi quyết định công nhận">
          <RevocationProposal dossier={dossier} />
        </Card>
      )}
    </Space>
  );
};
