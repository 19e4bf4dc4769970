// After the chairman's recognition: the province announces it; later it may be revoked (a reason, the re-assessment
// of the criteria, the chairman's revocation decision). The decider holds the rules; these screens send the commands.
import { useState, type ReactNode } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { Button, DatePicker, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import type { DossierView } from '../../api/types';
import { stackOnPhone } from '../../components/stack-on-phone';
import { formatDate, formatDateTime } from '../../labels';
import { CommandError, DecisionFields, useDossierCommand } from './command';
import { criteriaOf, CriterionFindingInput, percent } from './shared';

/** The province records when and where the recognition was announced. */
export const Announcement = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  const decision = dossier.decision;
  return (
    <div>
      {decision && (
        <Typography.Paragraph>
          Quyết định công nhận số {decision.decisionNumber ?? '—'} ngày {formatDate(decision.decidedOn)}.
        </Typography.Paragraph>
      )}
      <CommandError error={command.error} />
      <Form
        layout="vertical"
        initialValues={{ announcedOn: dayjs() }}
        onFinish={(v: { announcedOn: Dayjs; where?: string }) =>
          command.mutate({
            path: '/api/v1/dossiers/{id}/announcement',
            body: { announcedOn: v.announcedOn.format('YYYY-MM-DD'), where: v.where?.trim() || undefined },
            success: 'Đã ghi nhận công bố quyết định công nhận',
          })
        }
      >
        <Form.Item
          name="announcedOn"
          label="Ngày công bố"
          rules={[{ required: true, message: 'Chọn ngày công bố' }]}
        >
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        <Form.Item name="where" label="Nơi tổ chức lễ công bố">
          <Input placeholder={`Ví dụ: Nhà văn hóa ${dossier.commune.name}`} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={command.isPending}>
          Ghi nhận công bố
        </Button>
      </Form>
    </div>
  );
};

/** The rule the re-assessment is judged by (Decision 18/2022/QĐ-TTg, as the procedure holds it). */
export const RevocationRule = ({ dossier }: { dossier: DossierView }) => {
  const { lowerShare, upperShare, note } = dossier.procedure.revocation;
  return (
    <Typography.Paragraph>
      Thu hồi quyết định công nhận khi từ {percent(upperShare)} số tiêu chí trở lên không đạt, hoặc từ{' '}
      {percent(lowerShare)} đến dưới {percent(upperShare)} số tiêu chí không đạt mà có tiêu chí then chốt
      không đạt.
      {note && <Typography.Text type="secondary"> ({note})</Typography.Text>}
    </Typography.Paragraph>
  );
};

/** The reason a yearly review that reached the revocation rule gives, as the province's proposal states it. */
const reviewReason = (dossier: DossierView): string | undefined => {
  const review = dossier.annualReviews.at(-1);
  if (review?.standing !== 'revocation-due') return undefined;
  const key = review.failedKeyCriteria.length
    ? `, trong đó tiêu chí then chốt ${review.failedKeyCriteria.join(', ')}`
    : '';
  return `Kết quả rà soát duy trì tiêu chí năm ${review.year}: ${review.failedCriteria.length}/${review.total} tiêu chí không đạt (tiêu chí ${review.failedCriteria.join(', ')}${key}), đến ngưỡng thu hồi quyết định công nhận`;
};

/** The province opens a revocation of the recognition, with its reason (offered from a review that reached the rule). */
export const RevocationProposal = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  return (
    <div>
      <RevocationRule dossier={dossier} />
      <CommandError error={command.error} />
      <Form
        initialValues={{ reason: reviewReason(dossier) }}
        layout="vertical"
        onFinish={(v: { reason: string }) =>
          command.mutate({
            path: '/api/v1/dossiers/{id}/revocation',
            body: { reason: v.reason.trim() },
            success: 'Đã mở xét thu hồi; bước tiếp theo: đánh giá lại các tiêu chí',
          })
        }
      >
        <Form.Item
          name="reason"
          label="Lý do đề nghị thu hồi"
          rules={[{ required: true, whitespace: true, message: 'Nhập lý do đề nghị thu hồi' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
        </Form.Item>
        <Button danger htmlType="submit" loading={command.isPending}>
          Đề nghị thu hồi quyết định công nhận
        </Button>
      </Form>
    </div>
  );
};

/** The criteria a recognised commune is re-assessed against: nâng cao serves kiểu mẫu too (as the decider has it). */
const revocationCriteriaOf = (dossier: DossierView) => {
  const set = dossier.procedure.criteria[dossier.level === 'kieu-mau' ? 'nang-cao' : dossier.level];
  return set
    ? set.criteria.map((c) => ({ number: c.number, name: c.name, key: c.key }))
    : criteriaOf(dossier);
};

/** A finding on one criterion, as the re-assessments send it. */
interface Finding {
  criterion: number;
  met: boolean;
  note?: string;
}

/**
 * Every criterion of the set revocation is judged by, met or not with a note on what slipped: the province's
 * re-assessment for revocation and the commune's yearly review alike. The server judges the outcome.
 */
export const CriteriaReassessment = ({
  dossier,
  submit,
  pending,
  onSubmit,
  initial,
  children,
}: {
  dossier: DossierView;
  /** Findings to start from (a year's review recorded before); every criterion met otherwise. */
  initial?: readonly Finding[];
  /** The button's words. */
  submit: string;
  pending: boolean;
  onSubmit: (results: Finding[]) => void;
  /** Shown above the button (the command's error). */
  children?: ReactNode;
}) => {
  const criteria = revocationCriteriaOf(dossier);
  const start = (n: number) => initial?.find((f) => f.criterion === n);
  const [met, setMet] = useState<Record<number, boolean>>(() =>
    Object.fromEntries(criteria.map((c) => [c.number, start(c.number)?.met ?? true])),
  );
  const [notes, setNotes] = useState<Record<number, string>>(() =>
    Object.fromEntries(criteria.map((c) => [c.number, start(c.number)?.note ?? ''])),
  );
  const failing = criteria.filter((c) => !met[c.number]);
  return (
    <div>
      <Table
        rowKey="number"
        pagination={false}
        size="small"
        dataSource={criteria}
        {...stackOnPhone<(typeof criteria)[number]>([
          {
            title: 'Tiêu chí',
            key: 'c',
            // One element: a stacked cell sets each of its children on a line of its own.
            render: (_, c) => (
              <span>
                {c.number}. {c.name} {c.key && <Tag>Then chốt</Tag>}
              </span>
            ),
          },
          {
            title: 'Kết quả đánh giá lại',
            key: 'met',
            render: (_, c) => (
              <CriterionFindingInput
                criterion={c.number}
                label="Kết quả đánh giá lại"
                met={met[c.number]}
                onMet={(m) => setMet((all) => ({ ...all, [c.number]: m }))}
                why={{
                  label: `Ghi chú tiêu chí ${c.number} không đạt`,
                  placeholder: 'Ghi chú: chỉ tiêu nào không duy trì được',
                  value: notes[c.number] ?? '',
                }}
                onWhy={(text) => setNotes((n) => ({ ...n, [c.number]: text }))}
              />
            ),
          },
        ])}
      />
      <Typography.Paragraph style={{ marginTop: 16 }}>
        Không đạt: {failing.length}/{criteria.length} tiêu chí (
        {percent(failing.length / (criteria.length || 1))}
        ), trong đó {failing.filter((c) => c.key).length} tiêu chí then chốt.
      </Typography.Paragraph>
      {children}
      <Button
        type="primary"
        loading={pending}
        onClick={() =>
          onSubmit(
            criteria.map((c) => ({
              criterion: c.number,
              met: met[c.number],
              note: !met[c.number] && notes[c.number]?.trim() ? notes[c.number].trim() : undefined,
            })),
          )
        }
      >
        {submit}
      </Button>
    </div>
  );
};

/** The province re-assesses every criterion; the server judges whether revocation is due. */
export const RevocationAssessment = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  return (
    <div>
      <RevocationRule dossier={dossier} />
      <CriteriaReassessment
        dossier={dossier}
        submit="Ghi kết quả đánh giá lại"
        pending={command.isPending}
        onSubmit={(results) =>
          command.mutate({
            path: '/api/v1/dossiers/{id}/revocation/assessment',
            body: { results },
            success: 'Đã ghi kết quả đánh giá xét thu hồi',
          })
        }
      >
        <CommandError error={command.error} />
      </CriteriaReassessment>
    </div>
  );
};

/** The chairman decides the revocation, with the decision's number and date. */
export const RevocationDecision = ({ dossier }: { dossier: DossierView }) => {
  const command = useDossierCommand(dossier.id, dossier.version);
  return (
    <div>
      <CommandError error={command.error} />
      <Form
        layout="vertical"
        initialValues={{ decidedOn: dayjs() }}
        onFinish={(v: { decisionNumber: string; decidedOn: Dayjs }) =>
          command.mutate({
            path: '/api/v1/dossiers/{id}/revocation/decision',
            body: { decisionNumber: v.decisionNumber.trim(), decidedOn: v.decidedOn.format('YYYY-MM-DD') },
            success: 'Đã quyết định thu hồi quyết định công nhận',
          })
        }
      >
        <DecisionFields />
        <Button danger type="primary" htmlType="submit" loading={command.isPending}>
          Quyết định thu hồi quyết định công nhận
        </Button>
      </Form>
    </div>
  );
};

/** Every revocation case of the dossier: its reason, the re-assessment's result, the decision. */
export const RevocationCases = ({ dossier }: { dossier: DossierView }) => (
  <Space direction="vertical" style={{ width: '100%' }}>
    {dossier.revocations.map((c, i) => (
      <Descriptions key={c.proposedAt} bordered size="small" column={1} title={`Lần ${i + 1}`}>
        <Descriptions.Item label="Lý do đề nghị thu hồi">{c.reason}</Descriptions.Item>
        <Descriptions.Item label="Ngày đề nghị">{formatDateTime(c.proposedAt)}</Descriptions.Item>
        <Descriptions.Item label="Kết quả đánh giá lại">
          {c.assessment
            ? `${c.assessment.failedCriteria.length}/${c.assessment.total} tiêu chí không đạt (${percent(c.assessment.failedShare)})` +
              (c.assessment.failedCriteria.length
                ? `: tiêu chí ${c.assessment.failedCriteria.join(', ')}` +
                  (c.assessment.keyFailed
                    ? `; tiêu chí then chốt không đạt: ${c.assessment.failedKeyCriteria.join(', ')}`
                    : '')
                : '')
            : 'Chưa đánh giá'}
        </Descriptions.Item>
        {c.assessment && (
          <Descriptions.Item label="Kết luận">
            {c.assessment.due
              ? 'Đủ căn cứ thu hồi'
              : 'Không đủ căn cứ thu hồi; quyết định công nhận giữ nguyên hiệu lực'}
          </Descriptions.Item>
        )}
        {c.revoked && (
          <Descriptions.Item label="Quyết định thu hồi">
            Số {c.revoked.decisionNumber} ngày {formatDate(c.revoked.decidedOn)}
          </Descriptions.Item>
        )}
      </Descriptions>
    ))}
  </Space>
);
